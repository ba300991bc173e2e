using System.Xml;
using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V11;

internal static class SubscriptionManagementResponseWriter
{
    public static void Write(XmlWriter w, SubscriptionManagementResponse m)
    {
        CommonWriter.Start(w, "Subscription_Management_Response", m.MessageId, m.ExtendedHeaders, a =>
        {
            a.WriteAttributeString("in_response_to", m.InResponseTo);
            a.WriteAttributeString("collection_name", m.CollectionName);
        });
        w.Text(Names.Ns, "Message", m.Message);
        foreach (var s in m.Subscriptions)
        {
            w.Start(Names.Ns, "Subscription");
            w.WriteAttributeString("status", s.Status switch
            {
                SubscriptionStatus.Paused => "PAUSED",
                SubscriptionStatus.Unsubscribed => "UNSUBSCRIBED",
                _ => "ACTIVE",
            });
            w.Text(Names.Ns, "Subscription_ID", s.SubscriptionId);
            CommonWriter.SubscriptionParameters(w, s.SubscriptionParameters);
            CommonWriter.PushParameters(w, "Push_Parameters", s.PushParameters);
            w.Endpoints(Names.Ns, "Poll_Instance", s.PollInstances);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }
}
