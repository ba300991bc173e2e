namespace Taxii.Protocol.Messages;

/// <summary>Any TAXII message: every one carries a message_id.</summary>
public interface ITaxiiMessage
{
    string MessageId { get; }
}
