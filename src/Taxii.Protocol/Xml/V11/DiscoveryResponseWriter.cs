using System.Xml;
using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V11;

internal static class DiscoveryResponseWriter
{
    public static void Write(XmlWriter w, DiscoveryResponse m)
    {
        CommonWriter.Start(w, "Discovery_Response", m.MessageId, m.ExtendedHeaders,
            a => a.WriteAttributeString("in_response_to", m.InResponseTo));
        foreach (var instance in m.ServiceInstances)
        {
            w.Start(Names.Ns, "Service_Instance");
            w.WriteAttributeString("service_type", instance.ServiceType switch
            {
                ServiceType.Discovery => "DISCOVERY",
                ServiceType.CollectionManagement => "COLLECTION_MANAGEMENT",
                ServiceType.Inbox => "INBOX",
                _ => "POLL",
            });
            w.WriteAttributeString("service_version", instance.ServiceVersion);
            w.Attribute("available", instance.Available);
            w.Bindings(Names.Ns, instance.ProtocolBinding, instance.Address, instance.MessageBindings);
            foreach (var query in instance.SupportedQueries)
            {
                w.Start(Names.Ns, "Supported_Query");
                w.WriteAttributeString("format_id", query.FormatId);
                if (query.Xml is not null)
                {
                    w.Content(TaxiiContent.FromXml(query.Xml));
                }

                w.WriteEndElement();
            }

            if (instance.ContentBindings.Count > 0 && instance.ServiceType != ServiceType.Inbox)
            {
                throw XmlWriting.Unexpressible("Content_Binding is only allowed on INBOX service instances");
            }

            CommonWriter.ContentBindings(w, instance.ContentBindings);
            w.Text(Names.Ns, "Message", instance.Message);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }
}
