using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V11;

/// <summary>Reads a Poll_Response up to its first Content_Block; the blocks are read by the caller, one at a time.</summary>
internal static class PollResponseReader
{
    /// <returns>the header, and whether the reader now stands on the first Content_Block</returns>
    public static async ValueTask<(PollResponseHeader Header, bool AtBlock)> ReadHeaderAsync(TaxiiXmlReader r)
    {
        var id = EnvelopeReading.MessageId(r, TaxiiVersion.V11);
        var header = new PollResponseHeader(id, EnvelopeReading.InResponseTo(r, TaxiiVersion.V11), r.RequiredAttribute("collection_name"))
        {
            More = r.BooleanAttribute("more") ?? false,
            ResultId = r.OptionalAttribute("result_id"),
            ResultPartNumber = r.PositiveIntegerAttribute("result_part_number", 1),
        };
        if (header.More && string.IsNullOrWhiteSpace(header.ResultId))
        {
            throw r.Fail("more is true but result_id is missing or empty");
        }

        var last = -1;
        if (!await r.EnterAsync().ConfigureAwait(false))
        {
            return (header, false);
        }

        while (await r.NextChildAsync().ConfigureAwait(false))
        {
            switch (r.LocalName)
            {
                case "Extended_Headers":
                    last = r.Order(last, 0);
                    header = header with { ExtendedHeaders = await EnvelopeReading.ReadExtendedHeadersAsync(r).ConfigureAwait(false) };
                    break;
                case "Subscription_ID":
                    last = r.Order(last, 1);
                    header = header with { SubscriptionId = await r.ReadUriAsync().ConfigureAwait(false) };
                    break;
                case "Exclusive_Begin_Timestamp":
                    last = r.Order(last, 2);
                    header = header with { ExclusiveBeginTimestamp = await r.ReadTimestampAsync().ConfigureAwait(false) };
                    break;
                case "Inclusive_End_Timestamp":
                    last = r.Order(last, 3);
                    header = header with { InclusiveEndTimestamp = await r.ReadTimestampAsync().ConfigureAwait(false) };
                    break;
                case "Record_Count":
                    last = r.Order(last, 4);
                    header = header with { RecordCount = await CommonReader.ReadRecordCountAsync(r).ConfigureAwait(false) };
                    break;
                case "Message":
                    last = r.Order(last, 5);
                    header = header with { Message = await r.ReadTextAsync().ConfigureAwait(false) };
                    break;
                case "Content_Block":
                    return (header, true);
                default:
                    throw r.Unexpected();
            }
        }

        return (header, false);
    }
}
