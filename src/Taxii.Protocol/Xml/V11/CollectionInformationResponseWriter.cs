using System.Xml;
using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V11;

internal static class CollectionInformationResponseWriter
{
    public static void Write(XmlWriter w, CollectionInformationResponse m)
    {
        CommonWriter.Start(w, "Collection_Information_Response", m.MessageId, m.ExtendedHeaders,
            a => a.WriteAttributeString("in_response_to", m.InResponseTo));
        foreach (var c in m.Collections)
        {
            w.Start(Names.Ns, "Collection");
            w.WriteAttributeString("collection_name", c.Name);
            w.WriteAttributeString("collection_type", c.Type == CollectionType.DataSet ? "DATA_SET" : "DATA_FEED");
            w.Attribute("available", c.Available);
            w.Text(Names.Ns, "Description", c.Description);
            if (c.Volume is { } volume)
            {
                w.Start(Names.Ns, "Collection_Volume");
                w.WriteValue(volume);
                w.WriteEndElement();
            }

            CommonWriter.ContentBindings(w, c.ContentBindings);
            w.PushMethods(Names.Ns, c.PushMethods);
            w.Endpoints(Names.Ns, "Polling_Service", c.PollingServices);
            w.Endpoints(Names.Ns, "Subscription_Service", c.SubscriptionServices);
            foreach (var inbox in c.ReceivingInboxServices)
            {
                w.Start(Names.Ns, "Receiving_Inbox_Service");
                w.Bindings(Names.Ns, inbox.ProtocolBinding, inbox.Address, inbox.MessageBindings);
                CommonWriter.ContentBindings(w, inbox.ContentBindings);
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
    }
}
