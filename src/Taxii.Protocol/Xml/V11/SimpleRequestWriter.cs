using System.Xml;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V11;

/// <summary>Discovery_Request and Collection_Information_Request: a message_id and optional headers only.</summary>
internal static class SimpleRequestWriter
{
    public static void Write(XmlWriter w, string name, string messageId, IReadOnlyList<ExtendedHeader> headers)
    {
        CommonWriter.Start(w, name, messageId, headers);
        w.WriteEndElement();
    }
}
