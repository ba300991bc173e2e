using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V11;

internal static class PollRequestReader
{
    public static async ValueTask<PollRequest> ReadAsync(TaxiiXmlReader r)
    {
        var id = EnvelopeReading.MessageId(r, TaxiiVersion.V11);
        var collection = r.RequiredAttribute("collection_name");
        IReadOnlyList<ExtendedHeader> headers = [];
        DateTimeOffset? begin = null, end = null;
        string? subscriptionId = null;
        PollParameters? parameters = null;
        var last = -1;
        if (await r.EnterAsync().ConfigureAwait(false))
        {
            while (await r.NextChildAsync().ConfigureAwait(false))
            {
                switch (r.LocalName)
                {
                    case "Extended_Headers":
                        last = r.Order(last, 0);
                        headers = await EnvelopeReading.ReadExtendedHeadersAsync(r).ConfigureAwait(false);
                        break;
                    case "Exclusive_Begin_Timestamp":
                        last = r.Order(last, 1);
                        begin = await r.ReadTimestampAsync().ConfigureAwait(false);
                        break;
                    case "Inclusive_End_Timestamp":
                        last = r.Order(last, 2);
                        end = await r.ReadTimestampAsync().ConfigureAwait(false);
                        break;
                    case "Subscription_ID":
                        // a choice: Subscription_ID and Poll_Parameters share one position
                        last = r.Order(last, 3);
                        subscriptionId = await r.ReadUriAsync().ConfigureAwait(false);
                        break;
                    case "Poll_Parameters":
                        last = r.Order(last, 3);
                        parameters = await ReadParametersAsync(r).ConfigureAwait(false);
                        break;
                    default:
                        throw r.Unexpected();
                }
            }
        }

        if (subscriptionId is null && parameters is null)
        {
            throw r.Fail("missing element Subscription_ID or Poll_Parameters");
        }

        if (begin is not null && end is not null && end <= begin)
        {
            throw r.Fail("Inclusive_End_Timestamp is not later than Exclusive_Begin_Timestamp");
        }

        return new PollRequest(id, collection)
        {
            ExtendedHeaders = headers,
            ExclusiveBeginTimestamp = begin,
            InclusiveEndTimestamp = end,
            SubscriptionId = subscriptionId,
            PollParameters = parameters,
        };
    }

    private static async ValueTask<PollParameters> ReadParametersAsync(TaxiiXmlReader r)
    {
        r.Push("Poll_Parameters");
        var parameters = new PollParameters { AllowAsynch = r.BooleanAttribute("allow_asynch") ?? false };
        var bindings = new List<ContentBinding>();
        var last = -1;
        if (await r.EnterAsync().ConfigureAwait(false))
        {
            while (await r.NextChildAsync().ConfigureAwait(false))
            {
                switch (r.LocalName)
                {
                    case "Response_Type":
                        last = r.Order(last, 0);
                        parameters = parameters with { ResponseType = await CommonReader.ReadResponseTypeAsync(r).ConfigureAwait(false) };
                        break;
                    case "Content_Binding":
                        last = r.Order(last, 1, repeatable: true);
                        bindings.Add(await CommonReader.ReadContentBindingAsync(r).ConfigureAwait(false));
                        break;
                    case "Query":
                        last = r.Order(last, 2);
                        parameters = parameters with { Query = await CommonReader.ReadQueryAsync(r).ConfigureAwait(false) };
                        break;
                    case "Delivery_Parameters":
                        last = r.Order(last, 3);
                        parameters = parameters with
                        {
                            DeliveryParameters = await CommonReader.ReadPushParametersAsync(r).ConfigureAwait(false),
                        };
                        break;
                    default:
                        throw r.Unexpected();
                }
            }
        }

        r.Pop();
        return parameters with { ContentBindings = bindings };
    }
}
