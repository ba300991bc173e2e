using System.Text.Json.Serialization;

namespace Taxii.Core.Feeds;

/// <summary>The formats feeds write and read.</summary>
public enum FeedContentType
{
    /// <summary>EclecticIQ JSON, <c>urn:eclecticiq.com:json:1.0</c>: platform to platform, nothing lost.</summary>
    [JsonStringEnumMemberName("eclecticiq-json")]
    EclecticIqJson,

    /// <summary>STIX 1.2 XML, <c>urn:stix.mitre.org:xml:1.2</c>.</summary>
    [JsonStringEnumMemberName("stix-1.2")]
    Stix12,

    /// <summary>Comma-separated values, one row per observable (and one per entity without observables).</summary>
    Csv,

    /// <summary>One observable value per line, for firewalls and blocklists.</summary>
    PlainText,
}
