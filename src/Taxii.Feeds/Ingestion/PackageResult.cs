namespace Taxii.Feeds.Ingestion;

/// <summary>What became of one package: its outcome, why it failed, and the entities it stored.</summary>
public sealed record PackageResult(PackageOutcome Outcome, string? Reason = null)
{
    public int Created { get; init; }

    public int Updated { get; init; }

    public int Unchanged { get; init; }

    public int Removed { get; init; }

    public int Observables { get; init; }
}
