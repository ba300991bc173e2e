using System.Globalization;
using System.Xml;
using Taxii.Core.Entities;
using static Taxii.Feeds.ContentTypes.Stix.StixNamespaces;

namespace Taxii.Feeds.ContentTypes.Stix;

/// <summary>Writes Taxii observables as CybOX 2.1 objects, one object per observable.</summary>
internal static class StixObservables
{
    /// <summary>
    /// The content of a <c>cybox:Observable</c>: the single object, or an OR composition of one observable per
    /// value (an entity's observables are alternatives: any of them is a match). <paramref name="pattern"/> marks
    /// values with <c>condition="Equals"</c>, as an indicator's observable is a pattern rather than an instance.
    /// </summary>
    public static void WriteContent(XmlWriter w, IReadOnlyList<FeedObservable> observables, bool pattern)
    {
        if (observables.Count == 1)
        {
            WriteObject(w, observables[0], pattern);
            return;
        }

        if (observables.Count == 0)
        {
            return;
        }

        w.WriteStartElement("Observable_Composition", Cybox);
        w.WriteAttributeString("operator", "OR");
        foreach (var o in observables)
        {
            w.WriteStartElement("Observable", Cybox);
            WriteObject(w, o, pattern);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    /// <summary>A <c>cybox:Observables</c>-typed list (the attributes are required) with one observable per value.</summary>
    public static void WriteList(XmlWriter w, string name, string ns, IReadOnlyList<FeedObservable> observables)
    {
        w.WriteStartElement(name, ns);
        w.WriteAttributeString("cybox_major_version", "2");
        w.WriteAttributeString("cybox_minor_version", "1");
        w.WriteAttributeString("cybox_update_version", "0");
        foreach (var o in observables)
        {
            w.WriteStartElement("Observable", Cybox);
            WriteObject(w, o, pattern: false);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void WriteObject(XmlWriter w, FeedObservable o, bool pattern)
    {
        var value = StixText.Clean(o.Value);
        w.WriteStartElement("Object", Cybox);
        switch (o.Kind)
        {
            case ObservableKinds.Ipv4:
                Address(w, "ipv4-addr", value, pattern);
                break;
            case ObservableKinds.Ipv6:
                Address(w, "ipv6-addr", value, pattern);
                break;
            case ObservableKinds.Email:
                Address(w, "e-mail", value, pattern);
                break;
            case ObservableKinds.Domain:
                Simple(w, DomainNameObject, "DomainNameObjectType", "Value", value, pattern, "type", "FQDN");
                break;
            case ObservableKinds.Url:
                Simple(w, UriObject, "URIObjectType", "Value", value, pattern, "type", "URL");
                break;
            case ObservableKinds.EmailSubject:
                Properties(w, EmailMessageObject, "EmailMessageObjectType");
                w.WriteStartElement("Header", EmailMessageObject);
                Value(w, "Subject", EmailMessageObject, value, pattern);
                w.WriteEndElement();
                w.WriteEndElement();
                break;
            case ObservableKinds.HashMd5 or ObservableKinds.HashSha1 or ObservableKinds.HashSha256 or ObservableKinds.HashSha512
                when IsHex(value):
                Hash(w, o.Kind, value, pattern);
                break;
            case ObservableKinds.FileName:
                Simple(w, FileObject, "FileObjectType", "File_Name", value, pattern);
                break;
            case ObservableKinds.Port when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535:
                Simple(w, PortObject, "PortObjectType", "Port_Value", port.ToString(CultureInfo.InvariantCulture), pattern);
                break;
            case ObservableKinds.Asn:
                Properties(w, AsObject, "ASObjectType");
                var digits = value.StartsWith("AS", StringComparison.OrdinalIgnoreCase) ? value[2..] : value;

                // ASObj:Number is a non-negative integer; a name-like value ("AS-EXAMPLE") goes in the free-text Handle
                var isNumber = digits.Length > 0 && ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out _);
                Value(w, isNumber ? "Number" : "Handle", AsObject, isNumber ? digits : value, pattern);
                w.WriteEndElement();
                break;
            case ObservableKinds.Mutex:
                Simple(w, MutexObject, "MutexObjectType", "Name", value, pattern);
                break;
            case ObservableKinds.RegistryKey:
                Simple(w, WinRegistryKeyObject, "WindowsRegistryKeyObjectType", "Key", value, pattern);
                break;
            case ObservableKinds.UserAgent:
                UserAgent(w, value, pattern);
                break;
            default:
                // CybOX has no object for this kind (or the value does not fit the typed object, such as a hash
                // that is not hex or a port that is not a number): a Custom object keeps kind and value, schema-valid.
                // A CVE lands here too when it is not on an exploit target, where STIX gives it a Vulnerability.
                Custom(w, o.Kind, value, pattern);
                break;
        }

        w.WriteEndElement();
    }

    private static void Address(XmlWriter w, string category, string value, bool pattern)
    {
        Simple(w, AddressObject, "AddressObjectType", "Address_Value", value, pattern, "category", category);
    }

    private static void Hash(XmlWriter w, string kind, string value, bool pattern)
    {
        Properties(w, FileObject, "FileObjectType");
        w.WriteStartElement("Hashes", FileObject);
        w.WriteStartElement("Hash", CyboxCommon);
        w.WriteStartElement("Type", CyboxCommon);
        w.WriteAttributeString("xsi", "type", Xsi, "cyboxVocabs:HashNameVocab-1.0");
        w.WriteString(kind switch
        {
            ObservableKinds.HashMd5 => "MD5",
            ObservableKinds.HashSha1 => "SHA1",
            ObservableKinds.HashSha256 => "SHA256",
            _ => "SHA512",
        });
        w.WriteEndElement();
        Value(w, "Simple_Hash_Value", CyboxCommon, value, pattern);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void UserAgent(XmlWriter w, string value, bool pattern)
    {
        Properties(w, HttpSessionObject, "HTTPSessionObjectType");
        w.WriteStartElement("HTTP_Request_Response", HttpSessionObject);
        w.WriteStartElement("HTTP_Client_Request", HttpSessionObject);
        w.WriteStartElement("HTTP_Request_Header", HttpSessionObject);
        w.WriteStartElement("Parsed_Header", HttpSessionObject);
        Value(w, "User_Agent", HttpSessionObject, value, pattern);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Custom(XmlWriter w, string kind, string value, bool pattern)
    {
        w.WriteStartElement("Properties", Cybox);
        w.WriteAttributeString("xsi", "type", Xsi, "CustomObj:CustomObjectType");

        // custom_name is an xs:QName; a kind that is not an NCName is still carried by the property's name
        if (StixIds.IsNcName(kind))
        {
            w.WriteAttributeString("custom_name", kind);
        }

        w.WriteStartElement("Custom_Properties", CyboxCommon);
        w.WriteStartElement("Property", CyboxCommon);
        w.WriteAttributeString("name", StixText.Clean(kind));
        if (pattern)
        {
            w.WriteAttributeString("condition", "Equals");
        }

        w.WriteString(value);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>An object whose properties are one value.</summary>
    private static void Simple(XmlWriter w, string ns, string type, string element, string value, bool pattern, string? attribute = null, string? attributeValue = null)
    {
        Properties(w, ns, type, attribute, attributeValue);
        Value(w, element, ns, value, pattern);
        w.WriteEndElement();
    }

    /// <summary>Opens <c>cybox:Properties</c> typed as the object; the caller closes it.</summary>
    private static void Properties(XmlWriter w, string ns, string type, string? attribute = null, string? attributeValue = null)
    {
        w.WriteStartElement("Properties", Cybox);
        w.WriteAttributeString("xsi", "type", Xsi, PrefixOf(ns) + ":" + type);
        if (attribute is not null)
        {
            w.WriteAttributeString(attribute, attributeValue);
        }
    }

    private static void Value(XmlWriter w, string name, string ns, string value, bool pattern)
    {
        w.WriteStartElement(name, ns);
        if (pattern)
        {
            w.WriteAttributeString("condition", "Equals");
        }

        w.WriteString(value);
        w.WriteEndElement();
    }

    private static bool IsHex(string value) => value.Length > 0 && value.Length % 2 == 0 && !value.AsSpan().ContainsAnyExcept("0123456789abcdefABCDEF");
}
