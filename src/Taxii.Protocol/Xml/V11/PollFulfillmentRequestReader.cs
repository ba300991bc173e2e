using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V11;

internal static class PollFulfillmentRequestReader
{
    public static async ValueTask<PollFulfillmentRequest> ReadAsync(TaxiiXmlReader r)
    {
        var id = EnvelopeReading.MessageId(r, TaxiiVersion.V11);
        var collection = r.RequiredAttribute("collection_name");
        var resultId = r.RequiredAttribute("result_id");
        // [X] lists result_part_number as required, the XSD as optional: a missing value means part 1
        var part = r.PositiveIntegerAttribute("result_part_number", 1);
        return new PollFulfillmentRequest(id, collection, resultId)
        {
            ResultPartNumber = part,
            ExtendedHeaders = await EnvelopeReading.ReadHeadersOnlyAsync(r).ConfigureAwait(false),
        };
    }
}
