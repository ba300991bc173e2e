using System.Text;
using System.Xml;
using Taxii.Protocol.Http;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Xml;

namespace Taxii.Server.Taxii;

internal static class TaxiiResponses
{
    /// <summary>Sends a whole TAXII message with the binding's headers (HTTP 200 unless told otherwise).</summary>
    public static async Task WriteAsync(HttpContext http, TaxiiExchange exchange, ITaxiiMessage message, int statusCode = StatusCodes.Status200OK)
    {
        SetHeaders(http, exchange, statusCode);
        await TaxiiMessageWriter.WriteAsync(http.Response.Body, message, exchange.Version, http.RequestAborted);
    }

    public static void SetHeaders(HttpContext http, TaxiiExchange exchange, int statusCode = StatusCodes.Status200OK)
    {
        http.Response.StatusCode = statusCode;
        foreach (var (name, value) in TaxiiHttpBinding.ResponseHeaders(exchange.Version, exchange.Https))
        {
            http.Response.Headers[name] = value;
        }

        http.Response.Headers.CacheControl = "no-store";
    }

    public static StatusMessage Status(TaxiiExchange exchange, StatusType status, string? message) =>
        new(MessageIds.New(), exchange.InResponseTo, status) { Message = SafeReason(message) };

    /// <summary>Longest reason sent back: reasons may quote the request, which should not come back whole.</summary>
    public const int MaxReasonLength = 1000;

    /// <summary>
    /// Reasons may quote the request (a parser error names the invalid character it met), and a character XML
    /// cannot carry would make the Status_Message itself unwritable: each becomes U+FFFD. Long reasons are cut.
    /// </summary>
    public static string? SafeReason(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var length = Math.Min(text.Length, MaxReasonLength);
        var safe = new StringBuilder(length + 1);
        for (var i = 0; i < length; i++)
        {
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                safe.Append(text, i++, 2);
            }
            else
            {
                safe.Append(XmlConvert.IsXmlChar(text[i]) ? text[i] : '\uFFFD');
            }
        }

        return (length < text.Length ? safe.Append('…') : safe).ToString();
    }
}
