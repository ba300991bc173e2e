using System.Runtime.CompilerServices;
using System.Text;
using System.Xml;
using Taxii.Core.Collections;
using Taxii.Persistence.Stores;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Query;
using ContentBinding = Taxii.Protocol.Messages.ContentBinding;
using ContentBlock = Taxii.Protocol.Messages.ContentBlock;

namespace Taxii.Feeds.Subscriptions;

/// <summary>
/// A subscription's content in one window: the store applies the content binding filters, the subscription's Default
/// Query is applied here, block by block, as the window streams.
/// </summary>
internal sealed class SubscriptionContent(ContentStore store, ContentWindow window, DefaultQueryMatcher? query, TaxiiVersion version)
{
    public static SubscriptionContent For(ContentStore store, Subscription subscription, ContentWindow window, TaxiiVersion version)
    {
        DefaultQueryMatcher? matcher = null;
        if (subscription.QueryFormatId is not null && subscription.QueryXml is not null)
        {
            // checked when the subscription was made; compiled over its own vocabulary with every scope
            var query = DefaultQueryXml.Parse(subscription.QueryFormatId, subscription.QueryXml);
            matcher = DefaultQueryEvaluator.Compile(query, [query.TargetingExpressionId]);
        }

        return new SubscriptionContent(store, window with { ContentBindings = subscription.ContentBindings }, matcher, version);
    }

    /// <summary>How many blocks match; without a query the database counts.</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        if (query is null)
        {
            return await store.CountAsync(window, cancellationToken);
        }

        long count = 0;
        await foreach (var _ in ReadAsync(cancellationToken))
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// The matching blocks, in keyset order, as Content_Blocks of the version pushed. XML content is read into the
    /// store's one buffer (<see cref="ContentStore.StreamAsync"/>): a block is valid until the next is asked for, which
    /// is how a writer streaming them into a push uses them.
    /// </summary>
    public async IAsyncEnumerable<ContentBlock> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var stored in store.StreamAsync(window, cancellationToken))
        {
            if (query is not null && !(stored.IsXml && Matches(query, Encoding.UTF8.GetString(stored.Content.Span))))
            {
                continue;
            }

            yield return new ContentBlock(
                new ContentBinding(stored.ContentBinding)
                {
                    Subtypes = stored.ContentSubtype is null || version == TaxiiVersion.V10 ? [] : [stored.ContentSubtype],
                },
                // stored XML was checked when it arrived: its bytes go to the push as they are, without a second parse
                stored.IsXml ? TaxiiContent.FromValidatedUtf8Xml(stored.Content) : TaxiiContent.FromText(Encoding.UTF8.GetString(stored.Content.Span)))
            {
                TimestampLabel = stored.TimestampLabel,
                Message = version == TaxiiVersion.V11 ? stored.Message : null,
            };
        }
    }

    // [S] §5.4: a record the query cannot be evaluated on does not match
    private static bool Matches(DefaultQueryMatcher query, string xml)
    {
        try
        {
            return query.Matches(xml);
        }
        catch (XmlException)
        {
            return false;
        }
    }
}
