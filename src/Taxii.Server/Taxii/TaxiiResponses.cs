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
        new(MessageIds.New(), exchange.InResponseTo, status) { Message = message };
}
