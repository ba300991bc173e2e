using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;

namespace Taxii.Server.Tests.Security;

/// <summary>
/// The commands a test host sends to its own database while this is alive (Npgsql's activity source, filtered to that
/// database, Hangfire's own polling left out).
/// </summary>
internal sealed class DatabaseCommands : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<string> _seen = new();

    public DatabaseCommands(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                var text = activity.DisplayName + " " + string.Join(" ", activity.TagObjects.Select(t => t.Value?.ToString()));
                if (text.Contains(database, StringComparison.Ordinal) && !text.Contains("hangfire", StringComparison.OrdinalIgnoreCase))
                {
                    _seen.Enqueue(text);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyCollection<string> Seen => _seen;

    public void Dispose() => _listener.Dispose();
}
