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
    public string InResponseTo { get; set; } = MessageIds.Unreadable;
}
