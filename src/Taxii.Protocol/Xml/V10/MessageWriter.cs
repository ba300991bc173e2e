using System.Xml;
using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V10;

/// <summary>Dispatches a model message to its TAXII 1.0 writer.</summary>
internal static class MessageWriter
{
    public static void Write(XmlWriter w, ITaxiiMessage message)
    {
        switch (message)
        {
            case StatusMessage m: StatusMessageWriter.Write(w, m); break;
            case DiscoveryRequest m:
                CommonWriter.Start(w, "Discovery_Request", m.MessageId, m.ExtendedHeaders);
                w.WriteEndElement();
                break;
            case DiscoveryResponse m: DiscoveryResponseWriter.Write(w, m); break;
            case CollectionInformationRequest m:
                CommonWriter.Start(w, "Feed_Information_Request", m.MessageId, m.ExtendedHeaders);
                w.WriteEndElement();
                break;
            case CollectionInformationResponse m: FeedInformationResponseWriter.Write(w, m); break;
            case SubscriptionManagementRequest m: SubscriptionManagementRequestWriter.Write(w, m); break;
            case SubscriptionManagementResponse m: SubscriptionManagementResponseWriter.Write(w, m); break;
            case PollRequest m: PollRequestWriter.Write(w, m); break;
            case PollResponse m:
                PollResponseWriter.WriteStart(w, m.Header);
                foreach (var block in m.ContentBlocks)
                {
                    CommonWriter.ContentBlock(w, block);
                }

                w.WriteEndElement();
                break;
            case InboxMessage m:
                InboxMessageWriter.WriteStart(w, m);
                foreach (var block in m.ContentBlocks)
                {
                    CommonWriter.ContentBlock(w, block);
                }

                w.WriteEndElement();
                break;
            case PollFulfillmentRequest:
                throw XmlWriting.NotIn(TaxiiVersion.V10, "Poll_Fulfillment");
            default:
                throw XmlWriting.NotIn(TaxiiVersion.V10, message.GetType().Name);
        }
    }
}
