using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V11;

internal static class SubscriptionManagementRequestReader
{
    public static async ValueTask<SubscriptionManagementRequest> ReadAsync(TaxiiXmlReader r)
    {
        var id = EnvelopeReading.MessageId(r, TaxiiVersion.V11);
        var action = ParseAction(r);
        var collection = r.RequiredAttribute("collection_name");
        IReadOnlyList<ExtendedHeader> headers = [];
        string? subscriptionId = null;
        SubscriptionParameters? parameters = null;
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
                    case "Subscription_ID":
                        last = r.Order(last, 1);
                        subscriptionId = await r.ReadUriAsync().ConfigureAwait(false);
                        break;
                    case "Subscription_Parameters":
                        last = r.Order(last, 2);
                        parameters = await CommonReader.ReadSubscriptionParametersAsync(r).ConfigureAwait(false);
                        break;
                    case "Push_Parameters":
                        last = r.Order(last, 3);
                        push = await CommonReader.ReadPushParametersAsync(r).ConfigureAwait(false);
                        break;
                    default:
                        throw r.Unexpected();
                }
            }
        }

        // [S] §4.4.6 / [X] Table 8: the ID is required to act on an existing subscription; parameters iff SUBSCRIBE
        if (subscriptionId is null && action is SubscriptionAction.Unsubscribe or SubscriptionAction.Pause or SubscriptionAction.Resume)
        {
            throw r.Fail($"action {ActionName(action)} requires a Subscription_ID");
        }

        if ((parameters is not null) != (action == SubscriptionAction.Subscribe))
        {
            throw r.Fail("Subscription_Parameters must be present if and only if the action is SUBSCRIBE");
        }

        if (push is not null && action != SubscriptionAction.Subscribe)
        {
            throw r.Fail("Push_Parameters are only allowed with SUBSCRIBE");
        }

        return new SubscriptionManagementRequest(id, action, collection)
        {
            ExtendedHeaders = headers,
            SubscriptionId = subscriptionId,
            SubscriptionParameters = parameters,
            PushParameters = push,
        };
    }

    private static SubscriptionAction ParseAction(TaxiiXmlReader r) => r.RequiredAttribute("action").Trim() switch
    {
        "SUBSCRIBE" => SubscriptionAction.Subscribe,
        "UNSUBSCRIBE" => SubscriptionAction.Unsubscribe,
        "PAUSE" => SubscriptionAction.Pause,
        "RESUME" => SubscriptionAction.Resume,
        "STATUS" => SubscriptionAction.Status,
        var other => throw r.Fail($"unknown action {other}"),
    };

    public static string ActionName(SubscriptionAction action) => action switch
    {
        SubscriptionAction.Subscribe => "SUBSCRIBE",
        SubscriptionAction.Unsubscribe => "UNSUBSCRIBE",
        SubscriptionAction.Pause => "PAUSE",
        SubscriptionAction.Resume => "RESUME",
        _ => "STATUS",
    };
}
