namespace Taxii.Protocol.Messages;

/// <summary>Status_Message (TAXII 1.1 and 1.0).</summary>
public sealed record StatusMessage(string MessageId, string InResponseTo, StatusType Status) : ITaxiiResponse
{
    public IReadOnlyList<ExtendedHeader> ExtendedHeaders { get; init; } = [];

    /// <summary>TAXII 1.1 only: typed Status_Detail/Detail items.</summary>
    public IReadOnlyList<StatusDetail> Details { get; init; } = [];

    /// <summary>
    /// TAXII 1.0 only: Status_Detail is a plain string there (an RFC 3339 timestamp for RETRY, a space-separated
    /// list of IDs for UNSUPPORTED_*). When null, the 1.0 writer derives it from <see cref="Details"/> where it can.
    /// </summary>
    public string? DetailText { get; init; }

    public string? Message { get; init; }
}
