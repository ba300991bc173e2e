using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V11;

/// <summary>Reads an Inbox_Message up to its first Content_Block (returned with no blocks).</summary>
internal static class InboxMessageReader
{
    public static async ValueTask<(InboxMessage Header, bool AtBlock)> ReadHeaderAsync(TaxiiXmlReader r)
    {
        var message = new InboxMessage(EnvelopeReading.MessageId(r, TaxiiVersion.V11)) { ResultId = r.OptionalAttribute("result_id") };
        var destinations = new List<string>();
        var last = -1;
        var atBlock = false;
        if (await r.EnterAsync().ConfigureAwait(false))
        {
            while (!atBlock && await r.NextChildAsync().ConfigureAwait(false))
            {
                switch (r.LocalName)
                {
                    case "Extended_Headers":
                        last = r.Order(last, 0);
                        message = message with { ExtendedHeaders = await EnvelopeReading.ReadExtendedHeadersAsync(r).ConfigureAwait(false) };
                        break;
                    case "Destination_Collection_Name":
                        last = r.Order(last, 1, repeatable: true);
                        destinations.Add(await r.ReadUriAsync().ConfigureAwait(false));
                        break;
                    case "Message":
                        last = r.Order(last, 2);
                        message = message with { Message = await r.ReadTextAsync().ConfigureAwait(false) };
                        break;
                    case "Source_Subscription":
                        last = r.Order(last, 3);
                        message = message with { SourceSubscription = await ReadSourceAsync(r).ConfigureAwait(false) };
                        break;
                    case "Record_Count":
                        last = r.Order(last, 4);
                        message = message with { RecordCount = await CommonReader.ReadRecordCountAsync(r).ConfigureAwait(false) };
                        break;
                    case "Content_Block":
                        atBlock = true;
                        break;
                    default:
                        throw r.Unexpected();
                }
            }
        }

        return (message with { DestinationCollectionNames = destinations }, atBlock);
    }

    private static async ValueTask<SourceSubscription> ReadSourceAsync(TaxiiXmlReader r)
    {
        r.Push("Source_Subscription");
        var collection = r.RequiredAttribute("collection_name");
        string? subscriptionId = null;
        DateTimeOffset? begin = null, end = null;
        var last = -1;
        if (await r.EnterAsync().ConfigureAwait(false))
        {
            while (await r.NextChildAsync().ConfigureAwait(false))
            {
                switch (r.LocalName)
                {
                    case "Subscription_ID":
                        last = r.Order(last, 0);
                        subscriptionId = await r.ReadUriAsync().ConfigureAwait(false);
                        break;
                    case "Exclusive_Begin_Timestamp":
                        last = r.Order(last, 1);
                        begin = await r.ReadTimestampAsync().ConfigureAwait(false);
                        break;
                    case "Inclusive_End_Timestamp":
                        last = r.Order(last, 2);
                        end = await r.ReadTimestampAsync().ConfigureAwait(false);
                        break;
                    default:
                        throw r.Unexpected();
                }
            }
        }

        var source = new SourceSubscription(collection, subscriptionId ?? throw r.Missing("Subscription_ID"))
        {
            ExclusiveBeginTimestamp = begin,
            InclusiveEndTimestamp = end,
        };
        r.Pop();
        return source;
    }
}
