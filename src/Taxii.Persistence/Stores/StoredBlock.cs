namespace Taxii.Persistence.Stores;

/// <summary>What <see cref="ContentStore.AppendAsync"/> stored for one <see cref="NewContentBlock"/>, in the same order.</summary>
public sealed record StoredBlock(long Id, int CollectionId, DateTimeOffset TimestampLabel, byte[] Sha256);
