using System.Runtime.CompilerServices;
using System.Text;
using System.Xml;
using Taxii.Persistence.Stores;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Query;
using Taxii.Protocol.Xml;

namespace Taxii.Server.Taxii.Poll;

/// <summary>
/// Counts, plans and streams poll answers from the <see cref="ContentStore"/>: blocks go from the database reader to
/// the response body one at a time; blocks that fail the query are skipped as they pass.
/// </summary>
internal sealed class PollStreamer(ContentStore store)
{
    /// <summary>How many blocks the selection returns and, when more than <paramref name="partSize"/>, where each part but the last ends.</summary>
    public async Task<(long Total, IReadOnlyList<KeysetPosition> PartEnds)> PlanAsync(
        PollSelection selection, int partSize, CancellationToken cancellationToken)
    {
        var cutter = new PartCutter(partSize);
        if (selection.Matcher is null)
        {
            // one row per label, not per block: the count and the cuts from one pass over the index
            await foreach (var group in store.ReadLabelGroupsAsync(selection.Window, cancellationToken))
            {
                cutter.Add(group);
            }

            return (cutter.Total, cutter.Total > partSize ? cutter.Ends : []);
        }

        // a query can only be decided by reading the content: one pass counts the matches and cuts the parts
        await foreach (var content in store.StreamAsync(selection.Window, cancellationToken))
        {
            if (Matches(selection.Matcher, content, Encoding.UTF8.GetString(content.Content.Span)))
            {
                cutter.Add(content.Position);
            }
        }

        return (cutter.Total, cutter.Total > partSize ? cutter.Ends : []);
    }

    /// <summary>A reply that streams the blocks of <paramref name="window"/> (which passed the query) after <paramref name="header"/>.</summary>
    public TaxiiReply Stream(PollResponseHeader header, ContentWindow window, DefaultQueryMatcher? matcher, TaxiiVersion version) =>
        new TaxiiReply.StreamReply((body, cancellationToken) =>
            TaxiiMessageWriter.WritePollResponseAsync(body, header, BlocksAsync(window, matcher, version, cancellationToken), version, cancellationToken));

    private async IAsyncEnumerable<ContentBlock> BlocksAsync(
        ContentWindow window, DefaultQueryMatcher? matcher, TaxiiVersion version, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var content in store.StreamAsync(window, cancellationToken))
        {
            // only a query needs the text of XML content; the writer copies the stored bytes
            if (matcher is null || Matches(matcher, content, Encoding.UTF8.GetString(content.Content.Span)))
            {
                yield return ToBlock(content, version);
            }
        }
    }

    // content the query cannot be evaluated on (text, or XML that is not one document) does not match ([S] §5.4)
    private static bool Matches(DefaultQueryMatcher matcher, StoredContent content, string text)
    {
        if (!content.IsXml)
        {
            return false;
        }

        try
        {
            return matcher.Matches(text);
        }
        catch (XmlException)
        {
            return false;
        }
    }

    private static ContentBlock ToBlock(StoredContent content, TaxiiVersion version)
    {
        var v11 = version == TaxiiVersion.V11;
        var binding = new ContentBinding(content.ContentBinding)
        {
            // TAXII 1.0 has neither subtypes nor block messages
            Subtypes = v11 && content.ContentSubtype is not null ? [content.ContentSubtype] : [],
        };
        // stored XML was checked when it arrived (the inbox only stores what the codec read), so it is not parsed again,
        // nor decoded: its UTF-8 bytes go to the body as they are, from the store's buffer, before the next block is read
        var body = content.IsXml
            ? TaxiiContent.FromValidatedUtf8Xml(content.Content)
            : TaxiiContent.FromText(Encoding.UTF8.GetString(content.Content.Span));
        return new ContentBlock(binding, body) { TimestampLabel = content.TimestampLabel, Message = v11 ? content.Message : null };
    }
}
