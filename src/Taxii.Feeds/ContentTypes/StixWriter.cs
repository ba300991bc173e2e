using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using Taxii.Core.Entities;
using Taxii.Core.Feeds;
using Taxii.Feeds.ContentTypes.Stix;

namespace Taxii.Feeds.ContentTypes;

/// <summary>
/// STIX 1.2: one <c>stix:STIX_Package</c> per package, its top-level lists in the order stix_core.xsd's STIXType
/// fixes (Observables, Indicators, TTPs, Exploit_Targets, Incidents, Courses_Of_Action, Campaigns, Threat_Actors,
/// Reports), one list per section. Every namespace is declared on the root by <see cref="WriteStart"/>; each item is
/// written by an <see cref="XmlWriter"/> inside a wrapper declaring the same namespaces, and only the item's bytes
/// reach the package, so items carry no declarations of their own (bar foreign id prefixes, see StixIds).
/// </summary>
public sealed class StixWriter : IContentWriter
{
    public static StixWriter Instance { get; } = new();

    private static readonly byte[][] SectionStarts =
    [
        "<stix:Observables cybox_major_version=\"2\" cybox_minor_version=\"1\" cybox_update_version=\"0\">"u8.ToArray(),
        "<stix:Indicators>"u8.ToArray(), "<stix:TTPs>"u8.ToArray(), "<stix:Exploit_Targets>"u8.ToArray(),
        "<stix:Incidents>"u8.ToArray(), "<stix:Courses_Of_Action>"u8.ToArray(), "<stix:Campaigns>"u8.ToArray(),
        "<stix:Threat_Actors>"u8.ToArray(), "<stix:Reports>"u8.ToArray(),
    ];

    private static readonly byte[][] SectionEnds =
    [
        "</stix:Observables>"u8.ToArray(), "</stix:Indicators>"u8.ToArray(), "</stix:TTPs>"u8.ToArray(),
        "</stix:Exploit_Targets>"u8.ToArray(), "</stix:Incidents>"u8.ToArray(), "</stix:Courses_Of_Action>"u8.ToArray(),
        "</stix:Campaigns>"u8.ToArray(), "</stix:Threat_Actors>"u8.ToArray(), "</stix:Reports>"u8.ToArray(),
    ];

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        ConformanceLevel = ConformanceLevel.Fragment,
        OmitXmlDeclaration = true,
        Indent = false,

        // a CR in a value is kept as &#xD; instead of being normalised away
        NewLineHandling = NewLineHandling.Entitize,
    };

    private StixWriter()
    {
    }

    public FeedContentType ContentType => FeedContentType.Stix12;

    public string Binding => "urn:stix.mitre.org:xml:1.2";

    public string MediaType => "application/xml";

    public string FileExtension => "xml";

    public bool IsXml => true;

    public bool CarriesRemovals => false;

    /// <summary>Observable-only entities and sightings share the Observables section; the rest follow STIXType.</summary>
    public IReadOnlyList<EntityType> TypeOrder { get; } =
    [
        EntityType.ObservableOnly, EntityType.Sighting, EntityType.Indicator, EntityType.Ttp, EntityType.ExploitTarget,
        EntityType.Incident, EntityType.CourseOfAction, EntityType.Campaign, EntityType.ThreatActor, EntityType.Report,
    ];

    public int SectionOf(FeedChangeKind kind, EntityType type)
    {
        if (kind == FeedChangeKind.Remove)
        {
            throw new NotSupportedException("STIX 1.2 cannot say that something was removed; a Diff feed needs another content type");
        }

        return type switch
        {
            EntityType.ObservableOnly or EntityType.Sighting => 0,
            EntityType.Indicator => 1,
            EntityType.Ttp => 2,
            EntityType.ExploitTarget => 3,
            EntityType.Incident => 4,
            EntityType.CourseOfAction => 5,
            EntityType.Campaign => 6,
            EntityType.ThreatActor => 7,
            EntityType.Report => 8,
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown entity type"),
        };
    }

    public void WriteStart(IBufferWriter<byte> output, PackageHeader header)
    {
        output.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"u8);
        var stream = new BufferWriterStream { Target = output };
        using var w = XmlWriter.Create(stream, Settings);
        w.WriteStartElement("stix", "STIX_Package", StixNamespaces.Core);
        foreach (var (prefix, uri) in StixNamespaces.All)
        {
            w.WriteAttributeString("xmlns", prefix, null, uri);
        }

        w.WriteAttributeString("id", PackageId(header));
        w.WriteAttributeString("version", "1.2");
        w.WriteAttributeString("timestamp", XmlConvert.ToString(header.Produced.ToUniversalTime()));
        w.WriteStartElement("STIX_Header", StixNamespaces.Core);
        w.WriteElementString("Title", StixNamespaces.Core, StixText.Clean(
            string.Create(CultureInfo.InvariantCulture, $"{header.FeedName}, run {header.RunId}, part {header.Sequence}")));
        w.WriteEndElement();
        w.Flush();

        // the root stays open (sections and WriteEnd follow): what the writer adds when it is disposed is dropped
        stream.Target = null;
    }

    public void WriteSectionStart(IBufferWriter<byte> output, int section) => output.Write(SectionStarts[section]);

    public void WriteSeparator(IBufferWriter<byte> output)
    {
    }

    public void WriteItem(IBufferWriter<byte> output, PackageHeader header, FeedChange change)
    {
        var stream = new BufferWriterStream();
        using var w = XmlWriter.Create(stream, Settings);
        w.WriteStartElement("stix", "Fragment", StixNamespaces.Core);
        foreach (var (prefix, uri) in StixNamespaces.All)
        {
            w.WriteAttributeString("xmlns", prefix, null, uri);
        }

        // closes the wrapper's start tag, so what follows is the item alone
        w.WriteString(string.Empty);
        w.Flush();
        stream.Target = output;
        StixEntities.Write(w, change.Entity);
        w.Flush();
        stream.Target = null;
    }

    public void WriteSectionEnd(IBufferWriter<byte> output, int section) => output.Write(SectionEnds[section]);

    public void WriteEnd(IBufferWriter<byte> output) => output.Write("</stix:STIX_Package>"u8);

    /// <summary>Deterministic: the same feed, run and part always get the same package id.</summary>
    private static string PackageId(PackageHeader header)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{header.FeedName}\n{header.RunId}\n{header.Sequence}")));
        return $"{StixNamespaces.TaxiiPrefix}:Package-{new Guid(hash.AsSpan(0, 16))}";
    }
}
