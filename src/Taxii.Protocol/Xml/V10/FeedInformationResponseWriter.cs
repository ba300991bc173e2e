using System.Xml;
using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V10;

/// <summary>Writes a <see cref="CollectionInformationResponse"/> as a 1.0 Feed_Information_Response.</summary>
internal static class FeedInformationResponseWriter
{
    public static void Write(XmlWriter w, CollectionInformationResponse m)
    {
        CommonWriter.Start(w, "Feed_Information_Response", m.MessageId, m.ExtendedHeaders, a => CommonWriter.InResponseTo(a, m.InResponseTo));
        foreach (var c in m.Collections)
        {
            if (c.Type == CollectionType.DataSet || c.Volume is not null || c.ReceivingInboxServices.Count > 0)
            {
                throw XmlWriting.NotIn(TaxiiVersion.V10, $"collection '{c.Name}' (data sets, Collection_Volume, Receiving_Inbox_Service)");
            }

            if (c.ContentBindings.Count == 0 || (c.PushMethods.Count == 0 && c.PollingServices.Count == 0))
            {
                throw XmlWriting.Unexpressible(
                    $"a TAXII 1.0 Feed needs a Content_Binding and a Push_Method or Polling_Service ('{c.Name}')");
            }

            w.Start(Names.Ns, "Feed");
            w.WriteAttributeString("feed_name", c.Name);
            w.Attribute("available", c.Available);
            w.Text(Names.Ns, "Description", c.Description);
            CommonWriter.ContentBindings(w, c.ContentBindings);
            w.PushMethods(Names.Ns, c.PushMethods);
            w.Endpoints(Names.Ns, "Polling_Service", c.PollingServices);
            w.Endpoints(Names.Ns, "Subscription_Service", c.SubscriptionServices);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }
}
