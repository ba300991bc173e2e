using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V11;

/// <summary>TAXII 1.1 structures shared by several messages.</summary>
internal static class CommonReader
{
    public static async ValueTask<ContentBinding> ReadContentBindingAsync(TaxiiXmlReader r, bool inBlock = false)
    {
        r.Push("Content_Binding");
        var id = r.RequiredAttribute("binding_id").Trim();
        var subtypes = new List<string>();
        if (await r.EnterAsync().ConfigureAwait(false))
        {
            while (await r.NextChildAsync().ConfigureAwait(false))
            {
                if (r.LocalName != "Subtype")
                {
                    throw r.Unexpected();
                }

                r.Push("Subtype");
                subtypes.Add(r.RequiredAttribute("subtype_id").Trim());
                r.Pop();
                await r.Inner.SkipAsync().ConfigureAwait(false);
            }
        }

        if (inBlock && subtypes.Count > 1)
        {
            throw r.Fail("more than one Subtype in a Content_Block");
        }

        r.Pop();
        return new ContentBinding(id) { Subtypes = subtypes };
    }

    public static async ValueTask<TaxiiQuery> ReadQueryAsync(TaxiiXmlReader r)
    {
        r.Push("Query");
        var formatId = r.RequiredAttribute("format_id").Trim();
        var content = await ContentReader.ReadAsync(r).ConfigureAwait(false);
        var query = content.Kind == TaxiiContentKind.Xml
            ? new TaxiiQuery(formatId, content.Value)
            : throw r.Fail("the query is not an XML element");
        r.Pop();
        return query;
    }

    public static async ValueTask<SupportedQuery> ReadSupportedQueryAsync(TaxiiXmlReader r)
    {
        r.Push("Supported_Query");
        var formatId = r.RequiredAttribute("format_id").Trim();
        var content = await ContentReader.ReadAsync(r).ConfigureAwait(false);
        r.Pop();
        return new SupportedQuery(formatId, content.Kind == TaxiiContentKind.Xml ? content.Value : null);
    }

    public static async ValueTask<ResponseType> ReadResponseTypeAsync(TaxiiXmlReader r)
    {
        r.Push("Response_Type");
        var value = (await r.Inner.ReadElementContentAsStringAsync().ConfigureAwait(false)).Trim() switch
        {
            "FULL" => ResponseType.Full,
            "COUNT_ONLY" => ResponseType.CountOnly,
            _ => throw r.Fail("not FULL or COUNT_ONLY"),
        };
        r.Pop();
        return value;
    }

    public static async ValueTask<SubscriptionParameters> ReadSubscriptionParametersAsync(TaxiiXmlReader r)
    {
        r.Push("Subscription_Parameters");
        var parameters = new SubscriptionParameters();
        var bindings = new List<ContentBinding>();
        var last = -1;
        if (await r.EnterAsync().ConfigureAwait(false))
        {
            while (await r.NextChildAsync().ConfigureAwait(false))
            {
                switch (r.LocalName)
                {
                    case "Response_Type":
                        last = r.Order(last, 0);
                        parameters = parameters with { ResponseType = await ReadResponseTypeAsync(r).ConfigureAwait(false) };
                        break;
                    case "Content_Binding":
                        last = r.Order(last, 1, repeatable: true);
                        bindings.Add(await ReadContentBindingAsync(r).ConfigureAwait(false));
                        break;
                    case "Query":
                        last = r.Order(last, 2);
                        parameters = parameters with { Query = await ReadQueryAsync(r).ConfigureAwait(false) };
                        break;
                    default:
                        throw r.Unexpected();
                }
            }
        }

        r.Pop();
        return parameters with { ContentBindings = bindings };
    }

    /// <summary>Push_Parameters or Delivery_Parameters: Protocol_Binding, Address, exactly one Message_Binding.</summary>
    public static async ValueTask<PushParameters> ReadPushParametersAsync(TaxiiXmlReader r)
    {
        r.Push(r.LocalName);
        var group = new BindingsGroup();
        var last = -1;
        if (await r.EnterAsync().ConfigureAwait(false))
        {
            while (await r.NextChildAsync().ConfigureAwait(false))
            {
                last = BindingsGroup.Handles(r.LocalName)
                    ? await group.ReadAsync(r, last).ConfigureAwait(false)
                    : throw r.Unexpected();
            }
        }

        var endpoint = group.ToEndpoint(r);
        if (endpoint.MessageBindings.Count > 1)
        {
            throw r.Fail("more than one Message_Binding");
        }

        r.Pop();
        return new PushParameters(endpoint.ProtocolBinding, endpoint.Address, endpoint.MessageBindings[0]);
    }

    public static async ValueTask<RecordCount> ReadRecordCountAsync(TaxiiXmlReader r)
    {
        r.Push("Record_Count");
        var partial = r.BooleanAttribute("partial_count") ?? false;
        r.Pop();
        return new RecordCount(await r.ReadNonNegativeIntegerAsync().ConfigureAwait(false), partial);
    }

    /// <summary>Reads Content_Block number <paramref name="index"/> (1-based, for error paths).</summary>
    public static async ValueTask<ContentBlock> ReadContentBlockAsync(TaxiiXmlReader r, int index)
    {
        r.Push("Content_Block", index);
        ContentBinding? binding = null;
        TaxiiContent? content = null;
        DateTimeOffset? label = null;
        string? message = null, padding = null;
        var last = -1;
        if (await r.EnterAsync().ConfigureAwait(false))
        {
            while (await r.NextChildAsync().ConfigureAwait(false))
            {
                switch (r.LocalName)
                {
                    case "Content_Binding":
                        last = r.Order(last, 0);
                        binding = await ReadContentBindingAsync(r, inBlock: true).ConfigureAwait(false);
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
                    case "Message":
                        last = r.Order(last, 3);
                        message = await r.ReadTextAsync().ConfigureAwait(false);
                        break;
                    case "Padding":
                        last = r.Order(last, 4);
                        padding = await r.ReadTextAsync().ConfigureAwait(false);
                        break;
                    default:
                        throw r.Unexpected();
                }
            }
        }

        var block = new ContentBlock(binding ?? throw r.Missing("Content_Binding"), content ?? throw r.Missing("Content"))
        {
            TimestampLabel = label,
            Message = message,
            Padding = padding,
        };
        r.Pop();
        return block;
    }
}
