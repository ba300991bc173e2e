using System.Xml;
using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V11;

internal static class StatusMessageWriter
{
    public static void Write(XmlWriter w, StatusMessage m)
    {
        if (m.DetailText is not null)
        {
            throw XmlWriting.NotIn(TaxiiVersion.V11, "a plain-text Status_Detail (DetailText; use Details)");
        }

        CommonWriter.Start(w, "Status_Message", m.MessageId, m.ExtendedHeaders, a =>
        {
            a.WriteAttributeString("in_response_to", m.InResponseTo);
            a.WriteAttributeString("status_type", m.Status.Value);
        });
        if (m.Details.Count > 0)
        {
            w.Start(Names.Ns, "Status_Detail");
            foreach (var detail in m.Details)
            {
                w.Start(Names.Ns, "Detail");
                w.WriteAttributeString("name", detail.Name);
                w.WriteString(detail.Value);
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.Text(Names.Ns, "Message", m.Message);
        w.WriteEndElement();
    }
}
