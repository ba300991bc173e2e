using System.Diagnostics.CodeAnalysis;
using Taxii.Core.Collections;
using Taxii.Persistence.Configurations;
using Taxii.Protocol.Http;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Query;
using Taxii.Server.Taxii.Discovery;
using ContentBinding = Taxii.Protocol.Messages.ContentBinding;
using ResponseType = Taxii.Core.Collections.ResponseType;

namespace Taxii.Server.Taxii.CollectionManagement;

/// <summary>
/// What a SUBSCRIBE asks for, checked in the order [S] §4.4.6 gives: push protocol, message binding, query format,
/// content bindings. A refusal is the Status_Message to answer with; nothing is stored then.
/// </summary>
internal sealed record SubscriptionTerms(
    ResponseType ResponseType,
    IReadOnlyList<string> ContentBindings,
    string? QueryFormatId,
    string? QueryXml,
    PushParameters? Push)
{
    private static readonly Lazy<DefaultQueryInfo> AdvertisedQuery =
        new(() => DefaultQueryXml.ParseInfo(DiscoveryHandler.DefaultQuery.Xml!));

    public static bool TryRead(
        TaxiiRequest request,
        SubscriptionManagementRequest message,
        IReadOnlyList<string> collectionBindings,
        [NotNullWhen(true)] out SubscriptionTerms? terms,
        [NotNullWhen(false)] out StatusMessage? refusal)
    {
        terms = null;
        var parameters = message.SubscriptionParameters;
        refusal = message.PushParameters is { } push ? CheckPush(request, push) : null;
        refusal ??= parameters?.Query is { } query ? CheckQuery(request, query) : null;
        if (refusal is not null)
        {
            return false;
        }

        // 1.1 filters content in Subscription_Parameters, 1.0 in Push_Parameters (binding ids only)
        IEnumerable<ContentBinding> requested = request.Version == TaxiiVersion.V11
            ? parameters?.ContentBindings ?? []
            : message.PushParameters?.ContentBindings.Select(b => new ContentBinding(b)) ?? [];
        var accepted = CollectionContent.Accepted(request.Version, collectionBindings);
        if (!TryFilters(request, requested.ToList(), accepted, out var filters, out refusal))
        {
            return false;
        }

        if (filters.Count == 0 && collectionBindings.Count == 0)
        {
            // "all of it" from a collection that takes anything is, in 1.0, the list its Feed advertises: pushes keep to it
            filters = accepted;
        }

        terms = new SubscriptionTerms(
            parameters?.ResponseType == Protocol.Messages.ResponseType.CountOnly ? ResponseType.CountOnly : ResponseType.Full,
            filters,
            parameters?.Query?.FormatId,
            parameters?.Query?.Xml,
            message.PushParameters is { } p ? new PushParameters(p.ProtocolBinding, p.Address, p.MessageBinding) : null);
        return true;
    }

    private static StatusMessage? CheckPush(TaxiiRequest request, PushParameters push)
    {
        var https = push.ProtocolBinding switch
        {
            ProtocolBindingIds.Http10 => false,
            ProtocolBindingIds.Https10 => true,
            _ => (bool?)null,
        };
        if (https is null)
        {
            return request.Status(StatusType.UnsupportedProtocol, $"Pushes go over HTTP or HTTPS, not '{push.ProtocolBinding}'.",
                new StatusDetail(StatusDetailNames.SupportedProtocol, ProtocolBindingIds.Http10),
                new StatusDetail(StatusDetailNames.SupportedProtocol, ProtocolBindingIds.Https10));
        }

        if (push.Address.Length > Limits.UriLength)
        {
            return request.Status(StatusType.BadMessage, $"The push address is longer than {Limits.UriLength} characters.");
        }

        var expected = https.Value ? Uri.UriSchemeHttps : Uri.UriSchemeHttp;
        if (!Uri.TryCreate(push.Address, UriKind.Absolute, out var address) || address.Scheme != expected)
        {
            return request.Status(StatusType.UnsupportedProtocol,
                $"The push address must be an absolute {expected} URI to go with {push.ProtocolBinding}.",
                new StatusDetail(StatusDetailNames.SupportedProtocol, TaxiiHttpBinding.ProtocolBinding(address?.Scheme == Uri.UriSchemeHttps)));
        }

        if (address.UserInfo.Length > 0)
        {
            // it would be stored and shown in clear; pushes authenticate otherwise (see docs)
            return request.Status(StatusType.BadMessage, "The push address must not carry credentials.");
        }

        var binding = MessageBindingIds.For(request.Version);
        return push.MessageBinding == binding
            ? null
            : request.Status(StatusType.UnsupportedMessage,
                $"A subscription made in TAXII {request.Version.VersionName()} pushes in {binding}.",
                new StatusDetail(StatusDetailNames.SupportedBinding, binding));
    }

    private static StatusMessage? CheckQuery(TaxiiRequest request, TaxiiQuery query)
    {
        try
        {
            DefaultQueryEvaluator.Compile(DefaultQueryXml.Parse(query.FormatId, query.Xml), AdvertisedQuery.Value);
            return null;
        }
        catch (DefaultQueryException e)
        {
            return request.Status(new StatusType(e.StatusType), e.Message,
                [.. e.Details.SelectMany(d => d.Value.Select(v => new StatusDetail(d.Key, v)))]);
        }
    }

    /// <summary>
    /// Keeps the requested bindings the collection takes (none requested = all); when none of them is taken, the
    /// answer is UNSUPPORTED_CONTENT naming what the collection takes.
    /// </summary>
    private static bool TryFilters(
        TaxiiRequest request,
        IReadOnlyList<ContentBinding> requested,
        IReadOnlyCollection<string> collectionBindings,
        out IReadOnlyList<string> filters,
        [NotNullWhen(false)] out StatusMessage? refusal)
    {
        var taken = collectionBindings.Select(b => ContentBindingFilter.Parse(b).BindingId).ToHashSet(StringComparer.Ordinal);
        var kept = requested
            .Where(b => taken.Count == 0 || taken.Contains(b.BindingId))
            .SelectMany(b => b.Subtypes.Count == 0
                ? [new ContentBindingFilter(b.BindingId, null)]
                : b.Subtypes.Select(s => new ContentBindingFilter(b.BindingId, s)))
            .Select(f => f.ToString())
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        filters = kept;
        refusal = null;
        if (requested.Count > 0 && kept.Count == 0)
        {
            refusal = request.Status(StatusType.UnsupportedContent, "The collection takes none of the requested content bindings.",
                [.. taken.Order(StringComparer.Ordinal).Select(b => new StatusDetail(StatusDetailNames.SupportedContent, b))]);
            return false;
        }

        return true;
    }
}
