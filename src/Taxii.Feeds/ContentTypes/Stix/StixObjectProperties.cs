using System.Xml.Linq;
using Taxii.Core.Entities;
using static Taxii.Feeds.ContentTypes.Stix.StixNamespaces;

namespace Taxii.Feeds.ContentTypes.Stix;

/// <summary>
/// The observable values in one CybOX <c>Properties</c> element, by its <c>xsi:type</c>: the objects StixObservables
/// writes, read back the same way, and the same objects as other producers write them. A value counts when it has no
/// <c>condition</c> or <c>condition="Equals"</c> (any case): a pattern such as <c>Contains</c> or <c>StartsWith</c>
/// does not say what was observed. A value list (<c>apply_condition="ANY"</c>, items joined with <c>##comma##</c>)
/// gives one observable per item. Objects of other types, and properties without a kind, give nothing.
/// </summary>
internal static class StixObjectProperties
{
    private const string ListDelimiter = "##comma##";

    private static readonly XNamespace AddressNs = AddressObject;
    private static readonly XNamespace DomainNs = DomainNameObject;
    private static readonly XNamespace UriNs = UriObject;
    private static readonly XNamespace EmailNs = EmailMessageObject;
    private static readonly XNamespace FileNs = FileObject;
    private static readonly XNamespace PortNs = PortObject;
    private static readonly XNamespace MutexNs = MutexObject;
    private static readonly XNamespace RegistryNs = WinRegistryKeyObject;
    private static readonly XNamespace HttpNs = HttpSessionObject;
    private static readonly XNamespace AsNs = AsObject;
    private static readonly XNamespace CommonNs = CyboxCommon;

    public static void Read(XElement properties, Action<string, string> add)
    {
        var type = StixDocument.TypeOf(properties);
        var ns = type?.Namespace;
        if (ns == AddressNs)
        {
            Address(properties, add);
        }
        else if (ns == DomainNs)
        {
            Each(properties.Element(DomainNs + "Value"), v => add(ObservableKinds.Domain, v));
        }
        else if (ns == UriNs)
        {
            var kind = (string?)properties.Attribute("type") == "Domain Name" ? ObservableKinds.Domain : ObservableKinds.Url;
            Each(properties.Element(UriNs + "Value"), v => add(kind, v));
        }
        else if (ns == EmailNs)
        {
            Email(properties, add);
        }
        else if (ns == PortNs)
        {
            Each(properties.Element(PortNs + "Port_Value"), v => add(ObservableKinds.Port, v));
        }
        else if (ns == MutexNs)
        {
            Each(properties.Element(MutexNs + "Name"), v => add(ObservableKinds.Mutex, v));
        }
        else if (ns == RegistryNs)
        {
            var hive = properties.Element(RegistryNs + "Hive") is { } h ? Single(h) : null;
            Each(properties.Element(RegistryNs + "Key"), v => add(ObservableKinds.RegistryKey, hive is null ? v : hive + "\\" + v));
        }
        else if (ns == HttpNs)
        {
            foreach (var agent in properties.Descendants(HttpNs + "User_Agent"))
            {
                Each(agent, v => add(ObservableKinds.UserAgent, v));
            }
        }
        else if (ns == AsNs)
        {
            Each(properties.Element(AsNs + "Number"), v => add(ObservableKinds.Asn, "AS" + v));
            Each(properties.Element(AsNs + "Handle"), v => add(ObservableKinds.Asn, v));
        }
        else if (ns == XNamespace.Get(CustomObject))
        {
            Custom(properties, add);
        }
        else if (ns == FileNs || properties.Elements().Any(e => e.Name.Namespace == FileNs))
        {
            // File and the objects that extend it (Windows file, executable, PDF, …) keep FileObj's elements
            File(properties, add);
        }
    }

    /// <summary>The values an element stands for: none for a non-equality pattern, one per item of a value list.</summary>
    public static IEnumerable<string> Values(XElement? element)
    {
        if (element is null)
        {
            yield break;
        }

        var condition = (string?)element.Attribute("condition");
        if (condition is not null && !condition.Trim().Equals("Equals", StringComparison.OrdinalIgnoreCase))
        {
            yield break;
        }

        var text = element.Value;
        var items = text.Contains(ListDelimiter, StringComparison.Ordinal)
            ? text.Split(ListDelimiter)
            : [text];
        foreach (var item in items)
        {
            var value = item.Trim();
            if (value.Length > 0)
            {
                yield return value;
            }
        }
    }

    private static void Each(XElement? element, Action<string> add)
    {
        foreach (var value in Values(element))
        {
            add(value);
        }
    }

    private static string? Single(XElement element) => Values(element).FirstOrDefault();

    private static void Address(XElement properties, Action<string, string> add)
    {
        var category = ((string?)properties.Attribute("category"))?.Trim();
        foreach (var value in Values(properties.Element(AddressNs + "Address_Value")))
        {
            var kind = category switch
            {
                "ipv4-addr" => ObservableKinds.Ipv4,
                "ipv6-addr" => ObservableKinds.Ipv6,
                "e-mail" => ObservableKinds.Email,
                "asn" => ObservableKinds.Asn,

                // the category defaults to ipv4-addr in the schema, but producers leave it out for any address
                null or "" => ObservableKindInference.Infer(value),

                // mac, cidr, ipv4-net, … have no kind
                _ => null,
            };
            if (kind is not null)
            {
                add(kind, value);
            }
        }
    }

    private static void Email(XElement properties, Action<string, string> add)
    {
        if (properties.Element(EmailNs + "Header") is not { } header)
        {
            return;
        }

        // From, Sender, Reply_To and each To/CC/BCC Recipient are AddressObj addresses inside the header
        foreach (var address in header.Descendants(AddressNs + "Address_Value"))
        {
            Each(address, v => add(ObservableKinds.Email, v));
        }

        Each(header.Element(EmailNs + "Subject"), v => add(ObservableKinds.EmailSubject, v));
    }

    private static void File(XElement properties, Action<string, string> add)
    {
        Each(properties.Element(FileNs + "File_Name"), v => add(ObservableKinds.FileName, v));
        foreach (var hash in properties.Elements(FileNs + "Hashes").Elements(CommonNs + "Hash"))
        {
            var kind = hash.Element(CommonNs + "Type")?.Value.Trim().Replace("-", string.Empty, StringComparison.Ordinal)
                .ToUpperInvariant() switch
            {
                "MD5" => ObservableKinds.HashMd5,
                "SHA1" => ObservableKinds.HashSha1,
                "SHA256" => ObservableKinds.HashSha256,
                "SHA512" => ObservableKinds.HashSha512,

                // SSDEEP, SHA224, SHA384, … have no kind
                _ => null,
            };
            if (kind is not null)
            {
                Each(hash.Element(CommonNs + "Simple_Hash_Value"), v => add(kind, v));
            }
        }
    }

    /// <summary>
    /// The writer's Custom object for kinds CybOX has no object for: each property's name is the kind. Only names
    /// shaped like a kind (lower-case, dash-separated) count, so a third party's free-form properties add no kinds.
    /// </summary>
    private static void Custom(XElement properties, Action<string, string> add)
    {
        foreach (var property in properties.Elements(CommonNs + "Custom_Properties").Elements(CommonNs + "Property"))
        {
            var name = ((string?)property.Attribute("name"))?.Trim();
            if (name is not null && IsKindName(name))
            {
                Each(property, v => add(name, v));
            }
        }
    }

    private static bool IsKindName(string name) =>
        name.Length is > 0 and <= 64
        && !name.AsSpan().ContainsAnyExcept("abcdefghijklmnopqrstuvwxyz0123456789-")
        && name[^1] != '-'
        && char.IsAsciiLetter(name[0]);
}
