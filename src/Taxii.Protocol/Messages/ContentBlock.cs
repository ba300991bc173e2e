namespace Taxii.Protocol.Messages;

/// <summary>Content_Block (TAXII 1.1 and 1.0).</summary>
public sealed record ContentBlock(ContentBinding Binding, TaxiiContent Content)
{
    public DateTimeOffset? TimestampLabel { get; init; }

    /// <summary>TAXII 1.1 only.</summary>
    public string? Message { get; init; }

    /// <summary>Carried as given; recipients MUST ignore it.</summary>
    public string? Padding { get; init; }
}
