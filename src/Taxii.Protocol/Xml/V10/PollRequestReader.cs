using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V10;

internal static class PollRequestReader
{
    public static async ValueTask<PollRequest> ReadAsync(TaxiiXmlReader r)
    {
        var request = new PollRequest(EnvelopeReading.MessageId(r, TaxiiVersion.V10), r.RequiredAttribute("feed_name"))
        {
            SubscriptionId = r.OptionalAttribute("subscription_id"),
        };
        var bindings = new List<ContentBinding>();
        var last = -1;
        if (await r.EnterAsync().ConfigureAwait(false))
        {
            while (await r.NextChildAsync().ConfigureAwait(false))
            {
                switch (r.LocalName)
                {
                    case "Extended_Headers":
                        last = r.Order(last, 0);
                        request = request with { ExtendedHeaders = await EnvelopeReading.ReadExtendedHeadersAsync(r).ConfigureAwait(false) };
                        break;
                    case "Exclusive_Begin_Timestamp":
                        last = r.Order(last, 1);
                        request = request with { ExclusiveBeginTimestamp = await r.ReadTimestampAsync().ConfigureAwait(false) };
                        break;
                    case "Inclusive_End_Timestamp":
                        last = r.Order(last, 2);
                        request = request with { InclusiveEndTimestamp = await r.ReadTimestampAsync().ConfigureAwait(false) };
                        break;
                    case "Content_Binding":
                        last = r.Order(last, 3, repeatable: true);
                        bindings.Add(new ContentBinding(await r.ReadUriAsync().ConfigureAwait(false)));
                        break;
                    default:
                        throw r.Unexpected();
                }
            }
        }

        if (request is { ExclusiveBeginTimestamp: { } begin, InclusiveEndTimestamp: { } end } && end <= begin)
        {
            throw r.Fail("Inclusive_End_Timestamp is not later than Exclusive_Begin_Timestamp");
        }

        // the 1.0 content binding filter maps onto 1.1's Poll_Parameters; without a subscription the
        // parameters are always present, as a 1.1 poll needs one of the two
        return request.SubscriptionId is null || bindings.Count > 0
            ? request with { PollParameters = new PollParameters { ContentBindings = bindings } }
            : request;
    }
}
