namespace Taxii.Core.Entities;

/// <summary>A concrete value seen in intelligence (an address, a hash, …); one row per (kind, value), shared by entities.</summary>
public sealed class Observable
{
    public long Id { get; set; }

    public required string Kind { get; set; }

    public required string Value { get; set; }

    public Maliciousness Maliciousness { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<Entity> Entities { get; set; } = [];
}
