using System.Globalization;
using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V11;

internal static class StatusMessageReader
{
    public static async ValueTask<StatusMessage> ReadAsync(TaxiiXmlReader r)
    {
        var id = EnvelopeReading.MessageId(r, TaxiiVersion.V11);
        var inResponseTo = EnvelopeReading.InResponseTo(r, TaxiiVersion.V11);
        var status = new StatusType(r.RequiredAttribute("status_type").Trim());
        IReadOnlyList<ExtendedHeader> headers = [];
        var details = new List<StatusDetail>();
        string? message = null;
        var last = -1;
        if (await r.EnterAsync().ConfigureAwait(false))
        {
            while (await r.NextChildAsync().ConfigureAwait(false))
            {
                switch (r.LocalName)
                {
                    case "Extended_Headers":
                        last = r.Order(last, 0);
                        headers = await EnvelopeReading.ReadExtendedHeadersAsync(r).ConfigureAwait(false);
                        break;
                    case "Status_Detail":
                        last = r.Order(last, 1);
                        await ReadDetailsAsync(r, details).ConfigureAwait(false);
                        break;
                    case "Message":
                        last = r.Order(last, 2);
                        message = await r.ReadTextAsync().ConfigureAwait(false);
                        break;
                    default:
                        throw r.Unexpected();
                }
            }
        }

        CheckDetails(r, status, details);
        return new StatusMessage(id, inResponseTo, status) { ExtendedHeaders = headers, Details = details, Message = message };
    }

    private static async ValueTask ReadDetailsAsync(TaxiiXmlReader r, List<StatusDetail> details)
    {
        r.Push("Status_Detail");
        if (await r.EnterAsync().ConfigureAwait(false))
        {
            while (await r.NextChildAsync().ConfigureAwait(false))
            {
                if (r.LocalName != "Detail")
                {
                    throw r.Unexpected();
                }

                r.Push("Detail", details.Count + 1);
                var name = r.RequiredAttribute("name").Trim();
                var value = await ContentReader.ReadAsync(r).ConfigureAwait(false);
                details.Add(new StatusDetail(name, value.Kind == TaxiiContentKind.Text ? value.Value.Trim() : value.Value));
                r.Pop();
            }
        }

        r.Pop();
        if (details.Count == 0)
        {
            throw r.Fail("Status_Detail without any Detail");
        }
    }

    // the details [S] Table 3 requires, with the types it gives them
    private static void CheckDetails(TaxiiXmlReader r, StatusType status, List<StatusDetail> details)
    {
        if (status == StatusType.Pending)
        {
            PositiveInteger(r, status, details, StatusDetailNames.EstimatedWait, required: true);
            _ = Find(details, StatusDetailNames.ResultId) ?? throw Missing(r, status, StatusDetailNames.ResultId);
            var willPush = Find(details, StatusDetailNames.WillPush) ?? throw Missing(r, status, StatusDetailNames.WillPush);
            r.ParseBoolean(willPush, $"{status} detail {StatusDetailNames.WillPush}");
        }
        else if (status == StatusType.InvalidResponsePart)
        {
            PositiveInteger(r, status, details, StatusDetailNames.MaxPartNumber, required: true);
        }
        else if (status == StatusType.Retry)
        {
            PositiveInteger(r, status, details, StatusDetailNames.EstimatedWait, required: false);
        }
    }

    private static void PositiveInteger(TaxiiXmlReader r, StatusType status, List<StatusDetail> details, string name, bool required)
    {
        var text = Find(details, name);
        if (text is null)
        {
            if (required)
            {
                throw Missing(r, status, name);
            }

            return;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            throw r.Fail($"{status} detail {name} is not a positive integer");
        }
    }

    private static string? Find(List<StatusDetail> details, string name) => details.Find(d => d.Name == name)?.Value;

    private static TaxiiProtocolException Missing(TaxiiXmlReader r, StatusType status, string name) =>
        r.Fail($"{status} without the required {name} detail");
}
