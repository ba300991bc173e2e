using System.Text;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Xml;
using Xunit;

namespace Taxii.Protocol.Tests.Support;

/// <summary>
/// Hand-written envelopes around given content text, so tests control every byte, and the two ways of reading
/// their blocks back (whole message, or streamed block by block), from a body served in small async chunks.
/// </summary>
internal static class Envelopes
{
    public const string Ns11 = "http://taxii.mitre.org/messages/taxii_xml_binding-1.1";
    public const string Ns10 = "http://taxii.mitre.org/messages/taxii_xml_binding-1";

    public static readonly Carrier[] All = [Carrier.Inbox11, Carrier.Poll11, Carrier.Inbox10, Carrier.Poll10];

    /// <summary>Every carrier, read whole and streamed.</summary>
    public static TheoryData<Carrier, bool> Paths()
    {
        var data = new TheoryData<Carrier, bool>();
        foreach (var carrier in All)
        {
            data.Add(carrier, false);
            data.Add(carrier, true);
        }

        return data;
    }

    /// <summary>
    /// The message text: <paramref name="rootExtra"/> goes into the root's start tag (declarations, formatting),
    /// <paramref name="contentExtra"/> into each Content start tag, and each content exactly as given.
    /// </summary>
    public static string Wrap(Carrier carrier, IEnumerable<string> contents, string rootExtra = "", string contentExtra = "")
    {
        var v11 = carrier is Carrier.Inbox11 or Carrier.Poll11;
        var p = v11 ? "taxii_11" : "taxii";
        var text = new StringBuilder();
        text.Append(carrier switch
        {
            Carrier.Inbox11 => $"<{p}:Inbox_Message xmlns:{p}=\"{Ns11}\" message_id=\"1\"{rootExtra}>",
            Carrier.Poll11 => $"<{p}:Poll_Response xmlns:{p}=\"{Ns11}\" message_id=\"1\" in_response_to=\"2\" collection_name=\"c\"{rootExtra}>",
            Carrier.Inbox10 => $"<{p}:Inbox_Message xmlns:{p}=\"{Ns10}\" message_id=\"1\"{rootExtra}>",
            _ => $"<{p}:Poll_Response xmlns:{p}=\"{Ns10}\" message_id=\"1\" in_response_to=\"2\" feed_name=\"c\"{rootExtra}>"
                + $"<{p}:Inclusive_End_Timestamp>2014-01-02T00:00:00Z</{p}:Inclusive_End_Timestamp>",
        });
        foreach (var content in contents)
        {
            text.Append(v11
                ? $"\n  <{p}:Content_Block>\n    <{p}:Content_Binding binding_id=\"urn:x\"/>\n    <{p}:Content{contentExtra}>"
                : $"\n  <{p}:Content_Block>\n    <{p}:Content_Binding>urn:x</{p}:Content_Binding>\n    <{p}:Content{contentExtra}>");
            text.Append(content).Append($"</{p}:Content>\n    <{p}:Timestamp_Label>2014-01-01T00:00:00Z</{p}:Timestamp_Label>\n  </{p}:Content_Block>");
        }

        text.Append(carrier is Carrier.Inbox11 or Carrier.Inbox10 ? $"\n</{p}:Inbox_Message>\n" : $"\n</{p}:Poll_Response>\n");
        return text.ToString();
    }

    public static Task<List<TaxiiContent>> ReadAsync(Carrier carrier, bool streamed, string message, int chunk = 512) =>
        ReadAsync(carrier, streamed, Encoding.UTF8.GetBytes(message), chunk);

    public static async Task<List<TaxiiContent>> ReadAsync(Carrier carrier, bool streamed, byte[] body, int chunk = 512)
    {
        var contents = new List<TaxiiContent>();
        if (!streamed)
        {
            var read = await TaxiiMessageReader.ReadAsync(new AsyncOnlyStream(body, chunk), Codec.Ct);
            var blocks = read.Message switch
            {
                InboxMessage m => m.ContentBlocks,
                PollResponse r => r.ContentBlocks,
                var other => throw new InvalidOperationException($"read a {other.GetType().Name}"),
            };
            contents.AddRange(blocks.Select(b => b.Content));
            return contents;
        }

        if (carrier is Carrier.Inbox11 or Carrier.Inbox10)
        {
            await using var inbox = await TaxiiMessageReader.OpenInboxMessageAsync(new AsyncOnlyStream(body, chunk), TaxiiReaderOptions.Default, Codec.Ct);
            await foreach (var block in inbox.ReadBlocksAsync(Codec.Ct))
            {
                contents.Add(block.Content);
            }

            return contents;
        }

        await using var poll = await TaxiiMessageReader.OpenPollResponseAsync(new AsyncOnlyStream(body, chunk), Codec.Ct);
        await foreach (var block in poll.ReadBlocksAsync(Codec.Ct))
        {
            contents.Add(block.Content);
        }

        return contents;
    }
}
