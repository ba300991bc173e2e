namespace Taxii.Feeds.ContentTypes.Stix;

/// <summary>The namespaces a Taxii STIX 1.2 package uses, all declared on its root so item fragments need none.</summary>
internal static class StixNamespaces
{
    public const string Core = "http://stix.mitre.org/stix-1";
    public const string Common = "http://stix.mitre.org/common-1";
    public const string Indicator = "http://stix.mitre.org/Indicator-2";
    public const string Ttp = "http://stix.mitre.org/TTP-1";
    public const string ExploitTarget = "http://stix.mitre.org/ExploitTarget-1";
    public const string Incident = "http://stix.mitre.org/Incident-1";
    public const string CourseOfAction = "http://stix.mitre.org/CourseOfAction-1";
    public const string Campaign = "http://stix.mitre.org/Campaign-1";
    public const string ThreatActor = "http://stix.mitre.org/ThreatActor-1";
    public const string Report = "http://stix.mitre.org/Report-1";
    public const string Marking = "http://data-marking.mitre.org/Marking-1";
    public const string TlpMarking = "http://data-marking.mitre.org/extensions/MarkingStructure#TLP-1";
    public const string Cybox = "http://cybox.mitre.org/cybox-2";
    public const string CyboxCommon = "http://cybox.mitre.org/common-2";
    public const string CyboxVocabs = "http://cybox.mitre.org/default_vocabularies-2";
    public const string AddressObject = "http://cybox.mitre.org/objects#AddressObject-2";
    public const string DomainNameObject = "http://cybox.mitre.org/objects#DomainNameObject-1";
    public const string UriObject = "http://cybox.mitre.org/objects#URIObject-2";
    public const string EmailMessageObject = "http://cybox.mitre.org/objects#EmailMessageObject-2";
    public const string FileObject = "http://cybox.mitre.org/objects#FileObject-2";
    public const string PortObject = "http://cybox.mitre.org/objects#PortObject-2";
    public const string MutexObject = "http://cybox.mitre.org/objects#MutexObject-2";
    public const string WinRegistryKeyObject = "http://cybox.mitre.org/objects#WinRegistryKeyObject-2";
    public const string HttpSessionObject = "http://cybox.mitre.org/objects#HTTPSessionObject-2";
    public const string AsObject = "http://cybox.mitre.org/objects#ASObject-1";
    public const string CustomObject = "http://cybox.mitre.org/objects#CustomObject-1";
    public const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>The prefix of the ids Taxii gives entities (<c>taxii:indicator-…</c>) and of ids derived for STIX.</summary>
    public const string TaxiiPrefix = "taxii";

    /// <summary>
    /// External ids keep only their prefix, not the namespace it was bound to where they came from, so a prefix is
    /// bound to a URN made from itself: the id's text stays what the entity is known by across platforms.
    /// </summary>
    public const string IdPrefixNamespaceBase = "urn:taxii:id-prefix:";

    public static IReadOnlyList<(string Prefix, string Uri)> All { get; } =
    [
        ("stix", Core), ("stixCommon", Common), ("indicator", Indicator), ("ttp", Ttp), ("et", ExploitTarget),
        ("incident", Incident), ("coa", CourseOfAction), ("campaign", Campaign), ("ta", ThreatActor), ("report", Report),
        ("marking", Marking), ("tlpMarking", TlpMarking), ("cybox", Cybox), ("cyboxCommon", CyboxCommon),
        ("cyboxVocabs", CyboxVocabs), ("AddressObj", AddressObject), ("DomainNameObj", DomainNameObject), ("URIObj", UriObject),
        ("EmailMessageObj", EmailMessageObject), ("FileObj", FileObject), ("PortObj", PortObject), ("MutexObj", MutexObject),
        ("WinRegistryKeyObj", WinRegistryKeyObject), ("HTTPSessionObj", HttpSessionObject), ("ASObj", AsObject), ("CustomObj", CustomObject),
        ("xsi", Xsi), (TaxiiPrefix, IdPrefixNamespaceBase + TaxiiPrefix),
    ];

    public static string PrefixOf(string uri)
    {
        foreach (var (prefix, candidate) in All)
        {
            if (candidate == uri)
            {
                return prefix;
            }
        }

        throw new ArgumentException($"namespace {uri} is not declared on the package root", nameof(uri));
    }

    public static bool IsDeclared(string prefix) => prefix is "xml" || All.Any(n => n.Prefix == prefix);
}
