using System.Xml.Linq;
using Taxii.Core.Entities;
using Taxii.Core.Feeds;
using Taxii.Feeds.ContentTypes.Stix;

namespace Taxii.Feeds.ContentTypes;

/// <summary>
/// Reads a STIX 1.0, 1.0.1, 1.1, 1.1.1 or 1.2 <c>STIX_Package</c> into entities: one per component (indicator, TTP,
/// threat actor, campaign, incident, exploit target, course of action, report) wherever it is defined in the
/// package (top-level lists, inside reports, nested <c>Related_Packages</c>), and one per top-level
/// <c>Observables/Observable</c> that no component uses by idref (<see cref="EntityType.ObservableOnly"/>, or
/// <see cref="EntityType.Sighting"/> when it has a <c>sighting_count</c>, as StixWriter writes sightings). Field
/// mapping: <see cref="StixComponents"/>; CybOX objects: <see cref="StixObjectProperties"/>; Data keys:
/// <see cref="StixData"/>.
/// <para>External ids are the <c>id</c> attributes as written. StixWriter writes an external id that is not a
/// <c>prefix:name</c> QName as <c>taxii:ext-</c> and a hash, so such an entity comes back with that derived id, not
/// the original: that direction is lossy. A component without an id gets none (the store deduplicates it by
/// content). A package id repeated keeps the first component.</para>
/// <para>Lenient like the STIX tools: schema-invalid but well-formed packages are read, and elements the reader does
/// not know are skipped. Not well-formed XML, a DTD, nesting deeper than <see cref="StixDocument.MaxDepth"/>, a
/// root other than <c>stix:STIX_Package</c>, or a version that is not 1.x throw <see cref="ContentReadException"/>.
/// STIX 1.x cannot say that something was removed, so <see cref="ParsedPackage.RemovedIds"/> is always empty.</para>
/// </summary>
public sealed class StixReader : IContentReader
{
    public static StixReader Instance { get; } = new();

    private static readonly HashSet<string> Bindings = new(StringComparer.Ordinal)
    {
        "urn:stix.mitre.org:xml:1.0", "urn:stix.mitre.org:xml:1.0.1", "urn:stix.mitre.org:xml:1.1",
        "urn:stix.mitre.org:xml:1.1.1", "urn:stix.mitre.org:xml:1.2",
    };

    private static readonly XNamespace Core = StixNamespaces.Core;
    private static readonly XNamespace Cybox = StixNamespaces.Cybox;

    private StixReader()
    {
    }

    public FeedContentType ContentType => FeedContentType.Stix12;

    public bool Accepts(string binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        return Bindings.Contains(binding.Trim());
    }

    public async Task<ParsedPackage> ReadAsync(Stream package, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        var document = await StixDocument.LoadAsync(package, cancellationToken);
        return Read(document, cancellationToken);
    }

    private static ParsedPackage Read(StixDocument document, CancellationToken cancellationToken)
    {
        var observables = new StixObservableReader(document);
        var components = new StixComponents(document, observables);
        var entities = new List<NewEntity>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in document.Root.Descendants())
        {
            if (StixComponents.IsComponent(element))
            {
                cancellationToken.ThrowIfCancellationRequested();
                Add(entities, ids, components.Read(element));
            }
        }

        // after the components, so that observables they use by idref are known
        foreach (var observable in document.Root.Descendants(Cybox + "Observable"))
        {
            if (observable.Parent?.Name == Core + "Observables" && observable.Attribute("idref") is null
                && !((string?)observable.Attribute("id") is { } id && observables.Referenced.Contains(id)))
            {
                Add(entities, ids, Standalone(observable, observables));
            }
        }

        return new ParsedPackage(entities, []);
    }

    private static void Add(List<NewEntity> entities, HashSet<string> ids, NewEntity entity)
    {
        if (entity.ExternalId is null || ids.Add(entity.ExternalId))
        {
            entities.Add(entity);
        }
    }

    /// <summary>CybOX observables carry no handling or source: the package header's apply.</summary>
    private static NewEntity Standalone(XElement observable, StixObservableReader observables)
    {
        var header = StixComponents.PackageHeader(observable);
        return new NewEntity(
            observable.Attribute("sighting_count") is null ? EntityType.ObservableOnly : EntityType.Sighting,
            ExternalId: StixComponents.NonEmpty((string?)observable.Attribute("id")),
            Title: StixComponents.Title(observable),
            Description: StixComponents.Description(observable),
            Tlp: header is null ? null : StixComponents.TlpOf(header),
            Sources: header is null ? [] : StixComponents.InformationSources(header).Sources,
            Observables: observables.Read(observable, Maliciousness.Unknown),
            Relations: []);
    }
}
