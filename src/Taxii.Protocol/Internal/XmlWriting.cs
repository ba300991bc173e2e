using System.Globalization;
using System.Xml;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Internal;

/// <summary>Writing helpers shared by both versions' writers; element order stays with the callers.</summary>
internal static class XmlWriting
{
    public static void Start(this XmlWriter w, XmlNs ns, string name) => w.WriteStartElement(ns.Prefix, name, ns.Uri);

    public static void Text(this XmlWriter w, XmlNs ns, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteStartElement(ns.Prefix, name, ns.Uri);
            w.WriteString(value);
            w.WriteEndElement();
        }
    }

    public static void Texts(this XmlWriter w, XmlNs ns, string name, IReadOnlyList<string> values)
    {
        foreach (var value in values)
        {
            w.Text(ns, name, value);
        }
    }

    public static void Timestamp(this XmlWriter w, XmlNs ns, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            w.Text(ns, name, Timestamps.Format(v));
        }
    }

    public static void Attribute(this XmlWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteAttributeString(name, value);
        }
    }

    public static void Attribute(this XmlWriter w, string name, long value) =>
        w.WriteAttributeString(name, value.ToString(CultureInfo.InvariantCulture));

    public static void Attribute(this XmlWriter w, string name, bool? value)
    {
        if (value is { } v)
        {
            w.WriteAttributeString(name, v ? "true" : "false");
        }
    }

    /// <summary>
    /// XML content was checked when it was created (<see cref="TaxiiContent.FromXml"/>), so it goes in raw. When
    /// <paramref name="utf8Output"/> is the stream <paramref name="w"/> writes UTF-8 to, content made from UTF-8 bytes
    /// is copied straight to it.
    /// </summary>
    public static void Content(this XmlWriter w, TaxiiContent content, Stream? utf8Output = null)
    {
        if (content.Kind == TaxiiContentKind.Xml && utf8Output is not null && content.TryGetUtf8(out var utf8))
        {
            // an empty raw write closes the open start tag; the flush moves everything the writer holds to the stream
            // before the bytes, which then follow in document order
            w.WriteRaw(string.Empty);
            w.Flush();
            utf8Output.Write(utf8.Span);
        }
        else if (content.Kind == TaxiiContentKind.Xml)
        {
            w.WriteRaw(content.Value);
        }
        else
        {
            w.WriteString(content.Value);
        }
    }

    public static void MessageId(this XmlWriter w, string id, TaxiiVersion version, string attribute = "message_id")
    {
        if (version == TaxiiVersion.V10 && !MessageIds.IsValidV10(id))
        {
            throw Unexpressible($"{attribute} '{id}' is not digits-only, as TAXII 1.0 requires");
        }

        if (id.Length == 0)
        {
            throw Unexpressible($"{attribute} is empty");
        }

        w.WriteAttributeString(attribute, id);
    }

    public static void ExtendedHeaders(this XmlWriter w, XmlNs ns, IReadOnlyList<ExtendedHeader> headers)
    {
        if (headers.Count == 0)
        {
            return;
        }

        w.Start(ns, "Extended_Headers");
        foreach (var header in headers)
        {
            w.Start(ns, "Extended_Header");
            w.WriteAttributeString("name", header.Name);
            w.Content(header.Value);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    /// <summary>BindingsGroup: Protocol_Binding, Address, Message_Binding+.</summary>
    public static void Bindings(this XmlWriter w, XmlNs ns, string protocol, string address, IReadOnlyList<string> messageBindings)
    {
        if (messageBindings.Count == 0)
        {
            throw Unexpressible("a service contact needs at least one Message_Binding");
        }

        w.Text(ns, "Protocol_Binding", protocol);
        w.Text(ns, "Address", address);
        w.Texts(ns, "Message_Binding", messageBindings);
    }

    public static void Endpoint(this XmlWriter w, XmlNs ns, string name, ServiceEndpoint endpoint)
    {
        w.Start(ns, name);
        w.Bindings(ns, endpoint.ProtocolBinding, endpoint.Address, endpoint.MessageBindings);
        w.WriteEndElement();
    }

    public static void Endpoints(this XmlWriter w, XmlNs ns, string name, IReadOnlyList<ServiceEndpoint> endpoints)
    {
        foreach (var endpoint in endpoints)
        {
            w.Endpoint(ns, name, endpoint);
        }
    }

    public static void PushMethods(this XmlWriter w, XmlNs ns, IReadOnlyList<PushMethod> methods)
    {
        foreach (var method in methods)
        {
            if (method.MessageBindings.Count == 0)
            {
                throw Unexpressible("a Push_Method needs at least one Message_Binding");
            }

            w.Start(ns, "Push_Method");
            w.Text(ns, "Protocol_Binding", method.ProtocolBinding);
            w.Texts(ns, "Message_Binding", method.MessageBindings);
            w.WriteEndElement();
        }
    }

    public static NotSupportedException Unexpressible(string reason) => new(reason);

    public static NotSupportedException NotIn(TaxiiVersion version, string what) =>
        new($"{what} cannot be expressed in TAXII {(version == TaxiiVersion.V10 ? "1.0" : "1.1")}");
}
