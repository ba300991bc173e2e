using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V10;

internal static class SubscriptionManagementRequestReader
{
    public static async ValueTask<SubscriptionManagementRequest> ReadAsync(TaxiiXmlReader r)
    {
        var id = EnvelopeReading.MessageId(r, TaxiiVersion.V10);
        var action = r.RequiredAttribute("action").Trim() switch
        {
            "SUBSCRIBE" => SubscriptionAction.Subscribe,
            "UNSUBSCRIBE" => SubscriptionAction.Unsubscribe,
            "STATUS" => SubscriptionAction.Status,
            var other => throw r.Fail($"unknown TAXII 1.0 action {other}"),
        };
        var feed = r.RequiredAttribute("feed_name");
        var subscriptionId = r.OptionalAttribute("subscription_id");
        // 1.0 XSD: the ID "MUST be present if the action is UNSUBSCRIBE and is ignored otherwise": a recipient does not
        // refuse it elsewhere, and a STATUS that names one (cabby's `--action status -s ID`) asks about that subscription
        if (subscriptionId is null && action == SubscriptionAction.Unsubscribe)
        {
            throw r.Fail("action UNSUBSCRIBE requires a subscription_id");
        }

        IReadOnlyList<ExtendedHeader> headers = [];
        PushParameters? push = null;
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
                    case "Push_Parameters":
                        last = r.Order(last, 1);
                        push = await CommonReader.ReadPushParametersAsync(r).ConfigureAwait(false);
                        break;
                    default:
                        throw r.Unexpected();
                }
            }
        }

        return new SubscriptionManagementRequest(id, action, feed)
        {
            ExtendedHeaders = headers,
            SubscriptionId = subscriptionId,
            PushParameters = push,
        };
    }
}
