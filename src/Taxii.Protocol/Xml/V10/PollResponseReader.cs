using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V10;

/// <summary>Reads a TAXII 1.0 Poll_Response up to its first Content_Block.</summary>
internal static class PollResponseReader
{
    public static async ValueTask<(PollResponseHeader Header, bool AtBlock)> ReadHeaderAsync(TaxiiXmlReader r)
    {
        var id = EnvelopeReading.MessageId(r, TaxiiVersion.V10);
        var header = new PollResponseHeader(id, EnvelopeReading.InResponseTo(r, TaxiiVersion.V10), r.RequiredAttribute("feed_name"))
        {
            SubscriptionId = r.OptionalAttribute("subscription_id"),
        };
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
                        header = header with { ExtendedHeaders = await EnvelopeReading.ReadExtendedHeadersAsync(r).ConfigureAwait(false) };
                        break;
                    case "Message":
                        last = r.Order(last, 1);
                        header = header with { Message = await r.ReadTextAsync().ConfigureAwait(false) };
                        break;
                    case "Inclusive_Begin_Timestamp":
                        last = r.Order(last, 2);
                        header = header with { InclusiveBeginTimestamp = await r.ReadTimestampAsync().ConfigureAwait(false) };
                        break;
                    case "Inclusive_End_Timestamp":
                        last = r.Order(last, 3);
                        header = header with { InclusiveEndTimestamp = await r.ReadTimestampAsync().ConfigureAwait(false) };
                        break;
                    case "Content_Block":
                        atBlock = true;
                        break;
                    default:
                        throw r.Unexpected();
                }
            }
        }

        _ = header.InclusiveEndTimestamp ?? throw r.Missing("Inclusive_End_Timestamp");
        return (header, atBlock);
    }
}
