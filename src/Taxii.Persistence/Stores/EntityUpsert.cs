namespace Taxii.Persistence.Stores;

public enum EntityUpsertOutcome
{
    Created,
    Updated,
    Unchanged,
}

/// <summary>What became of one entity handed to <see cref="EntityStore.UpsertAsync"/>.</summary>
public sealed record EntityUpsert(long Id, string ExternalId, EntityUpsertOutcome Outcome);
