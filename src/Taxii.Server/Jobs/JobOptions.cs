namespace Taxii.Server.Jobs;

/// <summary><c>Taxii:Jobs</c>: the Hangfire server inside the host.</summary>
internal sealed class JobOptions
{
    public const string SectionName = "Taxii:Jobs";

    /// <summary>Run a Hangfire server in this host; off for a host that only answers requests.</summary>
    public bool RunServer { get; set; } = true;

    /// <summary>Concurrent feed jobs; each holds a database connection while it runs.</summary>
    public int WorkerCount { get; set; } = 10;

    /// <summary>
    /// How often an idle worker looks for queued jobs: a feed run asked for through the API waits at most this long
    /// to start. Each idle worker asks PostgreSQL once per interval (a cheap indexed query).
    /// </summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The PostgreSQL schema that holds Hangfire's tables, apart from Taxii's own.</summary>
    public string Schema { get; set; } = "hangfire";
}
