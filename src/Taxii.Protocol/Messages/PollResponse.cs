namespace Taxii.Protocol.Messages;

/// <summary>Poll_Response: a header and its content blocks (see <see cref="PollResponseHeader"/>).</summary>
public sealed record PollResponse(PollResponseHeader Header) : ITaxiiResponse
{
    public string MessageId => Header.MessageId;

    public string InResponseTo => Header.InResponseTo;

    public IReadOnlyList<ContentBlock> ContentBlocks { get; init; } = [];
}
