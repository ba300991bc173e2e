using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V10;

/// <summary>Reads a TAXII 1.0 Inbox_Message up to its first Content_Block (returned with no blocks).</summary>
internal static class InboxMessageReader
{
    public static async ValueTask<(InboxMessage Header, bool AtBlock)> ReadHeaderAsync(TaxiiXmlReader r)
    {
        var message = new InboxMessage(EnvelopeReading.MessageId(r, TaxiiVersion.V10));
        var last = -1;
        var atBlock = false;
        if (await r.EnterAsync().ConfigureAwait(false))
        {
            while (!atBlock && await r.NextChildAsync().ConfigureAwait(false))
            {
                switch (r.LocalName)
                {
                    case "Extended_Headers":
                        last = r.Order(last, 0);
                        message = message with { ExtendedHeaders = await EnvelopeReading.ReadExtendedHeadersAsync(r).ConfigureAwait(false) };
                        break;
                    case "Message":
                        last = r.Order(last, 1);
                        message = message with { Message = await r.ReadTextAsync().ConfigureAwait(false) };
                        break;
                    case "Source_Subscription":
                        last = r.Order(last, 2);
                        message = message with { SourceSubscription = await CommonReader.ReadSourceSubscriptionAsync(r).ConfigureAwait(false) };
                        break;
                    case "Content_Block":
                        atBlock = true;
                        break;
                    default:
                        throw r.Unexpected();
                }
            }
        }

        return (message, atBlock);
    }
}
