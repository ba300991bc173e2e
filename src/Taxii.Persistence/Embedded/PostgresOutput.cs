using Microsoft.Extensions.Logging;

namespace Taxii.Persistence.Embedded;

/// <summary>Keeps the last lines the server printed (for error messages) and passes them to the log at debug level.</summary>
internal sealed class PostgresOutput(ILogger? logger)
{
    private const int Capacity = 20;
    private readonly Queue<string> _lines = new();

    public void Add(string? line)
    {
        if (string.IsNullOrEmpty(line))
        {
            return;
        }

        logger?.LogDebug("postgres: {Line}", line);
        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > Capacity)
            {
                _lines.Dequeue();
            }
        }
    }

    public string Tail()
    {
        lock (_lines)
        {
            return _lines.Count == 0 ? "(no output)" : string.Join(" | ", _lines);
        }
    }
}
