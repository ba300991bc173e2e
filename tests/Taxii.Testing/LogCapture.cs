using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Taxii.Testing;

/// <summary>
/// Every log event a test host writes, rendered as it would reach the console (message, properties and exception),
/// so tests can assert on what was logged: no unhandled exceptions, no secrets.
/// </summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events => [.. _events];

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    /// <summary>Each event as one text: level, rendered message, every property value and the exception.</summary>
    public IReadOnlyList<string> Lines() =>
        [.. _events.Select(e => $"{e.Level} {e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)} "
            + string.Join(' ', e.Properties.Select(p => $"{p.Key}={p.Value}")) + (e.Exception is null ? string.Empty : " " + e.Exception))];

    /// <summary>Events at error level or above, or carrying an exception.</summary>
    public IReadOnlyList<LogEvent> Errors() =>
        [.. _events.Where(e => e.Level >= LogEventLevel.Error || e.Exception is not null)];

    public void Clear() => _events.Clear();
}
