using System.Xml;
using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V10;

internal static class SubscriptionManagementResponseWriter
{
    public static void Write(XmlWriter w, SubscriptionManagementResponse m)
    {
        CommonWriter.Start(w, "Subscription_Management_Response", m.MessageId, m.ExtendedHeaders, a =>
        {
            CommonWriter.InResponseTo(a, m.InResponseTo);
            a.WriteAttributeString("feed_name", m.CollectionName);
        });
        w.Text(Names.Ns, "Message", m.Message);
        foreach (var s in m.Subscriptions)
        {
            // 1.0 has no status; ACTIVE and UNSUBSCRIBED follow from the action, PAUSED does not exist there
            if (s.Status == SubscriptionStatus.Paused || s.SubscriptionParameters is not null)
            {
                throw XmlWriting.NotIn(TaxiiVersion.V10, "a PAUSED subscription or Subscription_Parameters");
            }

            w.Start(Names.Ns, "Subscription");
            w.WriteAttributeString("subscription_id", s.SubscriptionId);
            CommonWriter.PushParameters(w, s.PushParameters);
            w.Endpoints(Names.Ns, "Poll_Instance", s.PollInstances);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }
}
