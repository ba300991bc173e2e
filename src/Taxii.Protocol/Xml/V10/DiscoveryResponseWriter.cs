using System.Xml;
using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V10;

internal static class DiscoveryResponseWriter
{
    public static void Write(XmlWriter w, DiscoveryResponse m)
    {
        CommonWriter.Start(w, "Discovery_Response", m.MessageId, m.ExtendedHeaders, a => CommonWriter.InResponseTo(a, m.InResponseTo));
        foreach (var instance in m.ServiceInstances)
        {
            if (instance.SupportedQueries.Count > 0)
            {
                throw XmlWriting.NotIn(TaxiiVersion.V10, "Supported_Query");
            }

            w.Start(Names.Ns, "Service_Instance");
            w.WriteAttributeString("service_type", instance.ServiceType switch
            {
                ServiceType.Discovery => "DISCOVERY",
                ServiceType.CollectionManagement => "FEED_MANAGEMENT",
                ServiceType.Inbox => "INBOX",
                _ => "POLL",
            });
            w.WriteAttributeString("service_version", instance.ServiceVersion);
            w.Attribute("available", instance.Available);
            w.Bindings(Names.Ns, instance.ProtocolBinding, instance.Address, instance.MessageBindings);
            CommonWriter.ContentBindings(w, instance.ContentBindings);
            w.Text(Names.Ns, "Message", instance.Message);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }
}
