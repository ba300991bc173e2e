using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V10;

/// <summary>Dispatches a TAXII 1.0 root element to its reader; Poll_Response and Inbox_Message are handled by the caller.</summary>
internal static class MessageReader
{
    public static async ValueTask<ITaxiiMessage> ReadAsync(TaxiiXmlReader r) => r.LocalName switch
    {
        "Status_Message" => await StatusMessageReader.ReadAsync(r).ConfigureAwait(false),
        "Discovery_Request" => new DiscoveryRequest(EnvelopeReading.MessageId(r, TaxiiVersion.V10))
        {
            ExtendedHeaders = await EnvelopeReading.ReadHeadersOnlyAsync(r).ConfigureAwait(false),
        },
        "Discovery_Response" => await DiscoveryResponseReader.ReadAsync(r).ConfigureAwait(false),
        "Feed_Information_Request" => new CollectionInformationRequest(EnvelopeReading.MessageId(r, TaxiiVersion.V10))
        {
            ExtendedHeaders = await EnvelopeReading.ReadHeadersOnlyAsync(r).ConfigureAwait(false),
        },
        "Feed_Information_Response" => await FeedInformationResponseReader.ReadAsync(r).ConfigureAwait(false),
        "Subscription_Management_Request" => await SubscriptionManagementRequestReader.ReadAsync(r).ConfigureAwait(false),
        "Subscription_Management_Response" => await SubscriptionManagementResponseReader.ReadAsync(r).ConfigureAwait(false),
        "Poll_Request" => await PollRequestReader.ReadAsync(r).ConfigureAwait(false),
        var other => throw r.Fail($"unknown TAXII 1.0 message {other}"),
    };
}
