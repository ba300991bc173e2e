using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml;

/// <summary>
/// The body held a valid TAXII message, but not the kind the caller opened it as (typically a Status_Message where
/// a Poll_Response was expected); the message is attached so the caller can act on it.
/// </summary>
public sealed class TaxiiUnexpectedMessageException(TaxiiVersion version, ITaxiiMessage taxiiMessage)
    : Exception($"expected another message, got {taxiiMessage.GetType().Name}")
{
    public TaxiiVersion Version { get; } = version;

    public ITaxiiMessage TaxiiMessage { get; } = taxiiMessage;
}
