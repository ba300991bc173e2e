using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V10;

/// <summary>TAXII 1.0 Content_Block: Content_Binding (text), Content, Timestamp_Label?, Padding?.</summary>
internal static class ContentBlockReader
{
    public static async ValueTask<ContentBlock> ReadAsync(TaxiiXmlReader r, int index)
    {
        r.Push("Content_Block", index);
        string? binding = null;
        TaxiiContent? content = null;
        DateTimeOffset? label = null;
        string? padding = null;
        var last = -1;
        if (await r.EnterAsync().ConfigureAwait(false))
        {
            while (await r.NextChildAsync().ConfigureAwait(false))
            {
                switch (r.LocalName)
                {
                    case "Content_Binding":
                        last = r.Order(last, 0);
                        binding = (await r.ReadTextAsync().ConfigureAwait(false)).Trim();
                        break;
                    case "Content":
                        last = r.Order(last, 1);
                        r.Push("Content");
                        content = await VerbatimContentReader.ReadAsync(r).ConfigureAwait(false);
                        r.Pop();
                        break;
                    case "Timestamp_Label":
                        last = r.Order(last, 2);
                        label = await r.ReadTimestampAsync().ConfigureAwait(false);
                        break;
                    case "Padding":
                        last = r.Order(last, 3);
                        padding = await r.ReadTextAsync().ConfigureAwait(false);
                        break;
                    default:
                        throw r.Unexpected();
                }
            }
        }

        var block = new ContentBlock(new ContentBinding(binding ?? throw r.Missing("Content_Binding")), content ?? throw r.Missing("Content"))
        {
            TimestampLabel = label,
            Padding = padding,
        };
        r.Pop();
        return block;
    }
}
