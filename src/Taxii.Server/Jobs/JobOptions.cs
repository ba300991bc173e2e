namespace Taxii.Server.Jobs;

/// <summary><c>Taxii:Jobs</c>: the Hangfire server inside the host.</summary>
internal sealed class JobOptions
{
    public const string SectionName = "Taxii:Jobs";

    /// <summary>Run a Hangfire server in this host; off for a host that only answers requests.</summary>
    public bool RunServer { get; set; } = true;

    /// <summary>Concurrent feed jobs; each holds a database connection while it runs.</summary>
    public int WorkerCount { get; set; } = 10;

    /// <summary>The PostgreSQL schema that holds Hangfire's tables, apart from Taxii's own.</summary>
    public string Schema { get; set; } = "hangfire";
}
