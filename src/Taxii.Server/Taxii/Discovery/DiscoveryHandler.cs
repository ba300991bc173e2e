using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Taxii.Core.Collections;
using Taxii.Persistence;
using Taxii.Protocol.Http;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Query;
using ContentBinding = Taxii.Protocol.Messages.ContentBinding;
using CoreServiceType = Taxii.Core.Collections.ServiceType;

namespace Taxii.Server.Taxii.Discovery;

/// <summary>
/// Discovery_Request → Discovery_Response: one Service_Instance per service the caller may see, in the version asked
/// (a 1.1 answer lists 1.1 instances only, a 1.0 answer 1.0 instances: clients such as cabby pick a service by type).
/// The TAXII Default Query is listed as Supported_Query only for services with <see cref="Service.AdvertiseDefaultQuery"/>.
/// </summary>
internal sealed class DiscoveryHandler(TaxiiDbContext db, IMemoryCache cache, IOptions<TaxiiServiceOptions> options) : ITaxiiMessageHandler
{

    /// <summary>What the poll and collection management services evaluate: TAXII Default Query over STIX.</summary>
    public static readonly SupportedQuery DefaultQuery = new(QueryFormatIds.DefaultQuery10,
        DefaultQueryXml.ToXml(new DefaultQueryInfo(
            [new TargetingExpressionInfo(TargetingExpressionIds.Stix12, [], ["**"])],
            [CapabilityModules.Core, CapabilityModules.Regex, CapabilityModules.Timestamp])));

    public CoreServiceType ServiceType => CoreServiceType.Discovery;

    public bool Accepts(ITaxiiMessage message) => message is DiscoveryRequest;

    public async Task<TaxiiReply> HandleAsync(TaxiiRequest request, CancellationToken cancellationToken)
    {
        var anonymous = !request.Caller.IsAuthenticated;
        // every discovery request asks one of two questions: cached as briefly as the service directory, and forgotten with it
        var services = await cache.GetOrCreateAsync(anonymous ? ServiceDirectory.AnonymousDiscoveryKey : ServiceDirectory.AuthenticatedDiscoveryKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = options.Value.ServiceCacheLifetime;
            return await Advertisements(db.Services.AsNoTracking().Where(s => !anonymous || !s.AuthenticationRequired))
                .ToListAsync(cancellationToken);
        }) ?? [];

        var instances = services.Select(s => Instance(s, request.Version, request.Https, request.AddressOf)).ToList();

        return new TaxiiReply.MessageReply(new DiscoveryResponse(MessageIds.New(), request.InResponseTo) { ServiceInstances = instances });
    }

    /// <summary>What discovery says about each service, in discovery's order (type, then id).</summary>
    public static IQueryable<Advertisement> Advertisements(IQueryable<Service> services) => services
        .OrderBy(s => s.Type).ThenBy(s => s.Id)
        .Select(s => new Advertisement(
            s.Type,
            s.Path,
            s.Available,
            s.AdvertiseDefaultQuery,
            // an inbox advertises what its collections accept; one that accepts anything advertises nothing (= all)
            s.Collections.Any(c => c.Enabled && c.ContentBindings.Count == 0),
            s.Collections.Where(c => c.Enabled).SelectMany(c => c.ContentBindings).Distinct().ToList()));

    /// <summary>The Service_Instance a client asking in <paramref name="version"/> is given for a service.</summary>
    public static ServiceInstance Instance(Advertisement advertisement, TaxiiVersion version, bool https, Func<string, string> addressOf)
    {
        var s = advertisement.In(version);
        return new ServiceInstance(
            s.Type.ToProtocol(),
            ServicesIds.For(version),
            TaxiiHttpBinding.ProtocolBinding(https),
            addressOf(s.Path),
            [MessageBindingIds.For(version)])
        {
            Available = s.Available,
            // only where an administrator asked for it: libtaxii (and so cabby) fails on a whole Discovery_Response that
            // names a query format it has no reader for, and the query is evaluated whether it is advertised or not
            SupportedQueries = version == TaxiiVersion.V11 && s.AdvertiseDefaultQuery && Service.TakesQueries(s.Type)
                ? [DefaultQuery]
                : [],
            ContentBindings = s.Type == CoreServiceType.Inbox && !s.AcceptsAll ? Advertised(s.Bindings) : [],
        };
    }

    internal sealed record Advertisement(CoreServiceType Type, string Path, bool Available, bool AdvertiseDefaultQuery, bool AcceptsAll, List<string> Bindings)
    {
        /// <summary>
        /// As <paramref name="version"/> sees it: 1.0 has no subtypes, and sees a collection that takes anything as one
        /// that takes the STIX list (<see cref="CollectionContent"/>), so a 1.0 inbox always names what it accepts.
        /// </summary>
        public Advertisement In(TaxiiVersion version) => version == TaxiiVersion.V11 ? this : this with
        {
            AcceptsAll = false,
            Bindings = [.. (AcceptsAll ? Bindings.Concat(CollectionContent.AnyInV10) : Bindings).Select(b => ContentBindingFilter.Parse(b).BindingId)],
        };
    }

    /// <summary>One Content_Binding per binding id; subtypes listed only when no filter takes the binding whole.</summary>
    public static IReadOnlyList<ContentBinding> Advertised(IEnumerable<string> filters) =>
    [
        .. filters.Select(ContentBindingFilter.Parse)
            .GroupBy(f => f.BindingId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ContentBinding(g.Key)
            {
                Subtypes = g.Any(f => f.Subtype is null) ? [] : [.. g.Select(f => f.Subtype!).Distinct().Order(StringComparer.Ordinal)],
            }),
    ];
}
