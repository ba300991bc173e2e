using Taxii.Protocol.Messages;
using Taxii.Server.Taxii.Discovery;

namespace Taxii.Server.Taxii;

/// <summary>
/// What a collection accepts and serves as a TAXII version sees it: <see cref="Core.Collections.ContentBindingFilter"/>
/// strings, empty meaning any content. In 1.1 that is the collection's own list. TAXII 1.0 cannot say "any": a Feed names
/// at least one binding. A collection that takes any content is therefore, in 1.0, one that takes the STIX 1.x bindings it
/// advertises there, and its 1.0 inbox, polls and subscriptions keep to them, so that what a 1.0 client is told is
/// exactly what it may push and what it gets.
/// </summary>
internal static class CollectionContent
{
    /// <summary>The 1.0 view of a collection that takes any content: the STIX 1.x bindings, what 1.0 feeds carry.</summary>
    public static readonly IReadOnlyList<string> AnyInV10 =
    [
        ContentBindingIds.Stix10, ContentBindingIds.Stix101, ContentBindingIds.Stix11, ContentBindingIds.Stix111, ContentBindingIds.Stix12,
    ];

    /// <summary>The filters of a collection whose own are <paramref name="collectionBindings"/>, in <paramref name="version"/>.</summary>
    public static IReadOnlyList<string> Accepted(TaxiiVersion version, IReadOnlyList<string> collectionBindings) =>
        version == TaxiiVersion.V10 && collectionBindings.Count == 0 ? AnyInV10 : collectionBindings;

    /// <summary>Filters as Content_Binding elements of <paramref name="version"/>: 1.0 has no subtypes, so only binding ids.</summary>
    public static IReadOnlyList<ContentBinding> Advertised(TaxiiVersion version, IEnumerable<string> filters)
    {
        var advertised = DiscoveryHandler.Advertised(filters);
        return version == TaxiiVersion.V11 ? advertised : [.. advertised.Select(b => new ContentBinding(b.BindingId))];
    }
}
