using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V10;

internal static class StatusMessageReader
{
    public static async ValueTask<StatusMessage> ReadAsync(TaxiiXmlReader r)
    {
        var id = EnvelopeReading.MessageId(r, TaxiiVersion.V10);
        var inResponseTo = EnvelopeReading.InResponseTo(r, TaxiiVersion.V10);
        var status = new StatusType(r.RequiredAttribute("status_type").Trim());
        IReadOnlyList<ExtendedHeader> headers = [];
        string? detail = null, message = null;
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
                        detail = (await r.ReadTextAsync().ConfigureAwait(false)).Trim();
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

        // [X10] Table 2: RETRY carries a timestamp, UNSUPPORTED_* a space-separated list of IDs
        if (detail is not null && status == StatusType.Retry && !Timestamps.TryParse(detail, out _))
        {
            throw r.Fail("RETRY Status_Detail is not a timestamp");
        }

        if (detail is not null && status.Value.StartsWith("UNSUPPORTED_", StringComparison.Ordinal)
            && !detail.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(id => Uri.IsWellFormedUriString(id, UriKind.Absolute)))
        {
            throw r.Fail($"{status} Status_Detail is not a space-separated list of IDs");
        }

        return new StatusMessage(id, inResponseTo, status) { ExtendedHeaders = headers, DetailText = detail, Message = message };
    }
}
