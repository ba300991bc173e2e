namespace Taxii.Protocol.Query;

/// <summary>
/// Targeting expression vocabulary ids. For STIX the vocabulary id is the STIX content binding id ([Q] §4.2.1,
/// [CB] v3); 1.2 is not in [CB] v3 and comes from libtaxii's constants.
/// </summary>
public static class TargetingExpressionIds
{
    /// <summary>STIX 1.0.</summary>
    public const string Stix10 = "urn:stix.mitre.org:xml:1.0";

    /// <summary>STIX 1.0.1.</summary>
    public const string Stix101 = "urn:stix.mitre.org:xml:1.0.1";

    /// <summary>STIX 1.1.</summary>
    public const string Stix11 = "urn:stix.mitre.org:xml:1.1";

    /// <summary>STIX 1.1.1.</summary>
    public const string Stix111 = "urn:stix.mitre.org:xml:1.1.1";

    /// <summary>STIX 1.2.</summary>
    public const string Stix12 = "urn:stix.mitre.org:xml:1.2";

    /// <summary>Every STIX 1.x vocabulary above, oldest first.</summary>
    public static IReadOnlyList<string> AllStix { get; } = [Stix10, Stix101, Stix11, Stix111, Stix12];
}
