using System.Xml;
using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V10;

internal static class SubscriptionManagementRequestWriter
{
    public static void Write(XmlWriter w, SubscriptionManagementRequest m)
    {
        var action = m.Action switch
        {
            SubscriptionAction.Subscribe => "SUBSCRIBE",
            SubscriptionAction.Unsubscribe => "UNSUBSCRIBE",
            SubscriptionAction.Status => "STATUS",
            _ => throw XmlWriting.NotIn(TaxiiVersion.V10, $"action {m.Action}"),
        };
        if (m.SubscriptionParameters is not null)
        {
            throw XmlWriting.NotIn(TaxiiVersion.V10, "Subscription_Parameters");
        }

        if (m.SubscriptionId is null && m.Action == SubscriptionAction.Unsubscribe)
        {
            throw XmlWriting.Unexpressible("a TAXII 1.0 UNSUBSCRIBE needs a subscription_id");
        }

        CommonWriter.Start(w, "Subscription_Management_Request", m.MessageId, m.ExtendedHeaders, a =>
        {
            a.WriteAttributeString("action", action);
            a.WriteAttributeString("feed_name", m.CollectionName);
            a.Attribute("subscription_id", m.SubscriptionId);
        });
        CommonWriter.PushParameters(w, m.PushParameters);
        w.WriteEndElement();
    }
}
