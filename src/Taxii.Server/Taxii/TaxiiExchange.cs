using Taxii.Protocol.Messages;

namespace Taxii.Server.Taxii;

/// <summary>
/// What the pipeline knows about a TAXII exchange so far, kept on the HttpContext so that the exception handler can
/// still answer in the right binding and to the right message.
/// </summary>
internal sealed class TaxiiExchange
{
    public TaxiiVersion Version { get; set; } = TaxiiVersion.V11;

    public bool Https { get; set; }

    /// <summary>The request's message_id once read; "0" until then, the convention for an unreadable request.</summary>
    public string InResponseTo { get; private set; } = MessageIds.Unreadable;

    /// <summary>
    /// Answers the message with this message_id from now on, when one was read and the answer's version can carry it
    /// (a 1.1 id answered in 1.0 must be digits only); else "0" stays.
    /// </summary>
    public void RespondTo(string? messageId)
    {
        if (messageId is not null && (Version == TaxiiVersion.V11 || MessageIds.IsValidV10(messageId)))
        {
            InResponseTo = messageId;
        }
    }
}
