using System.Xml;
using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V11;

internal static class PollFulfillmentRequestWriter
{
    public static void Write(XmlWriter w, PollFulfillmentRequest m)
    {
        CommonWriter.Start(w, "Poll_Fulfillment", m.MessageId, m.ExtendedHeaders, a =>
        {
            a.WriteAttributeString("collection_name", m.CollectionName);
            a.WriteAttributeString("result_id", m.ResultId);
            a.Attribute("result_part_number", m.ResultPartNumber);
        });
        w.WriteEndElement();
    }
}
