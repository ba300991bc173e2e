using System.Xml;
using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V10;

/// <summary>TAXII 1.0 structures shared by several messages; refuses model fields 1.0 cannot carry.</summary>
internal static class CommonWriter
{
    private static readonly XmlNs Ns = Names.Ns;

    public static void Start(XmlWriter w, string name, string messageId, IReadOnlyList<ExtendedHeader> headers, Action<XmlWriter>? attributes = null)
    {
        w.Start(Ns, name);
        w.MessageId(messageId, TaxiiVersion.V10);
        attributes?.Invoke(w);
        w.ExtendedHeaders(Ns, headers);
    }

    public static void InResponseTo(XmlWriter w, string inResponseTo) => w.MessageId(inResponseTo, TaxiiVersion.V10, "in_response_to");

    /// <summary>1.0 content bindings are bare IDs: subtypes cannot be expressed.</summary>
    public static void ContentBindings(XmlWriter w, IReadOnlyList<ContentBinding> bindings)
    {
        foreach (var binding in bindings)
        {
            if (binding.Subtypes.Count > 0)
            {
                throw XmlWriting.NotIn(TaxiiVersion.V10, "a content binding Subtype");
            }

            w.Text(Ns, "Content_Binding", binding.BindingId);
        }
    }

    public static void PushParameters(XmlWriter w, PushParameters? push)
    {
        if (push is null)
        {
            return;
        }

        w.Start(Ns, "Push_Parameters");
        w.Bindings(Ns, push.ProtocolBinding, push.Address, [push.MessageBinding]);
        w.Texts(Ns, "Content_Binding", push.ContentBindings);
        w.WriteEndElement();
    }

    public static void ContentBlock(XmlWriter w, ContentBlock block, Stream? utf8Output = null)
    {
        if (block.Message is not null)
        {
            throw XmlWriting.NotIn(TaxiiVersion.V10, "Content_Block Message");
        }

        if (block.Binding.Subtypes.Count > 0)
        {
            throw XmlWriting.NotIn(TaxiiVersion.V10, "a content binding Subtype");
        }

        w.Start(Ns, "Content_Block");
        w.Text(Ns, "Content_Binding", block.Binding.BindingId);
        w.Start(Ns, "Content");
        w.Content(block.Content, utf8Output);
        w.WriteEndElement();
        w.Timestamp(Ns, "Timestamp_Label", block.TimestampLabel);
        w.Text(Ns, "Padding", block.Padding);
        w.WriteEndElement();
    }
}
