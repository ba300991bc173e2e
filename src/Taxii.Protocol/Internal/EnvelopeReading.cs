using System.Xml;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Xml;

namespace Taxii.Protocol.Internal;

/// <summary>Envelope parts that are the same in TAXII 1.0 and 1.1.</summary>
internal static class EnvelopeReading
{
    public static async ValueTask<IReadOnlyList<ExtendedHeader>> ReadExtendedHeadersAsync(TaxiiXmlReader r)
    {
        r.Push("Extended_Headers");
        var headers = new List<ExtendedHeader>();
        if (await r.EnterAsync().ConfigureAwait(false))
        {
            while (await r.NextChildAsync().ConfigureAwait(false))
            {
                if (r.LocalName != "Extended_Header")
                {
                    throw r.Unexpected();
                }

                r.Push("Extended_Header", headers.Count + 1);
                var name = r.RequiredAttribute("name");
                headers.Add(new ExtendedHeader(name, await ContentReader.ReadAsync(r).ConfigureAwait(false)));
                r.Pop();
            }
        }

        r.Pop();
        return headers.Count > 0 ? headers : throw r.Fail("Extended_Headers: no Extended_Header");
    }

    public static string MessageId(TaxiiXmlReader r, TaxiiVersion version)
    {
        var id = r.RequiredAttribute("message_id");
        return version == TaxiiVersion.V10 && !MessageIds.IsValidV10(id)
            ? throw r.Fail("message_id is not digits-only as TAXII 1.0 requires")
            : id;
    }

    /// <summary>
    /// The message_id of the root <paramref name="xml"/> is on, when it is one (present, within bounds, valid for its
    /// version); null otherwise. Refusals raised after the root carry it, so that answers name what they refuse.
    /// </summary>
    public static string? ReadableMessageId(XmlReader xml, TaxiiVersion version, TaxiiReaderOptions options)
    {
        var id = xml.GetAttribute("message_id");
        return id is { Length: > 0 } && id.Length <= options.MaxEnvelopeAttributeLength
            && (version == TaxiiVersion.V11 || MessageIds.IsValidV10(id))
            ? id
            : null;
    }

    public static string InResponseTo(TaxiiXmlReader r, TaxiiVersion version)
    {
        var id = r.RequiredAttribute("in_response_to");
        return version == TaxiiVersion.V10 && !MessageIds.IsValidV10(id)
            ? throw r.Fail("in_response_to is not digits-only as TAXII 1.0 requires")
            : id;
    }

    /// <summary>Checks the Record_Count rule: it SHOULD be at least the number of blocks that follow.</summary>
    public static void CheckRecordCount(TaxiiXmlReader r, RecordCount? count, int blocks)
    {
        if (count is not null && blocks > count.Value)
        {
            throw r.Fail($"Record_Count {count.Value} is less than the {blocks} Content_Block elements present");
        }
    }

    /// <summary>Reads the children of a message whose body is only Extended_Headers? (and a signature).</summary>
    public static async ValueTask<IReadOnlyList<ExtendedHeader>> ReadHeadersOnlyAsync(TaxiiXmlReader r)
    {
        IReadOnlyList<ExtendedHeader> headers = [];
        var last = -1;
        if (await r.EnterAsync().ConfigureAwait(false))
        {
            while (await r.NextChildAsync().ConfigureAwait(false))
            {
                last = r.LocalName == "Extended_Headers" ? r.Order(last, 0) : throw r.Unexpected();
                headers = await ReadExtendedHeadersAsync(r).ConfigureAwait(false);
            }
        }

        return headers;
    }

    /// <summary>
    /// The shape Discovery_Response and Collection_Information_Response (Feed_Information_Response) share:
    /// message_id, in_response_to, Extended_Headers?, then any number of one child.
    /// </summary>
    public static async ValueTask<(string MessageId, string InResponseTo, IReadOnlyList<ExtendedHeader> Headers, List<T> Items)>
        ReadListResponseAsync<T>(TaxiiXmlReader r, TaxiiVersion version, string childName, Func<TaxiiXmlReader, int, ValueTask<T>> readChild)
    {
        var id = MessageId(r, version);
        var inResponseTo = InResponseTo(r, version);
        IReadOnlyList<ExtendedHeader> headers = [];
        var items = new List<T>();
        var last = -1;
        if (await r.EnterAsync().ConfigureAwait(false))
        {
            while (await r.NextChildAsync().ConfigureAwait(false))
            {
                if (r.LocalName == "Extended_Headers")
                {
                    last = r.Order(last, 0);
                    headers = await ReadExtendedHeadersAsync(r).ConfigureAwait(false);
                }
                else
                {
                    last = r.LocalName == childName ? r.Order(last, 1, repeatable: true) : throw r.Unexpected();
                    items.Add(await readChild(r, items.Count + 1).ConfigureAwait(false));
                }
            }
        }

        return (id, inResponseTo, headers, items);
    }
}
