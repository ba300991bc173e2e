namespace Taxii.Protocol.Messages;

/// <summary>A message sent in reply to another; in_response_to is required on every response.</summary>
public interface ITaxiiResponse : ITaxiiMessage
{
    string InResponseTo { get; }
}
