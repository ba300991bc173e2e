using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Xml;

namespace Taxii.Server.Tests;

/// <summary>
/// A relay on loopback in front of a real TAXII service, to play a peer that behaves unlike Taxii (or a slow one): the
/// test sees (and may hold back) each request before it is forwarded, and may rewrite each answer's XML before it goes back.
/// </summary>
internal sealed class TaxiiRelay(WebApplication app, HttpClient forward, Uri address) : IAsyncDisposable
{
    /// <summary>Where to send requests (the same path as the target's service).</summary>
    public Uri Address { get; } = address;

    public static async Task<TaxiiRelay> StartAsync(
        Uri target,
        Func<ITaxiiMessage, CancellationToken, Task>? onRequest = null,
        Func<ITaxiiMessage, string, string>? rewrite = null,
        CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var forward = new HttpClient();
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            body.Position = 0;
            var message = (await TaxiiMessageReader.ReadAsync(body, context.RequestAborted)).Message;
            if (onRequest is not null)
            {
                await onRequest(message, context.RequestAborted);
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body.ToArray()) };
            foreach (var header in context.Request.Headers.Where(h => h.Key.StartsWith("X-TAXII", StringComparison.OrdinalIgnoreCase) || h.Key is "Authorization"))
            {
                request.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
            }

            request.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType);
            using var response = await forward.SendAsync(request, context.RequestAborted);
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var header in response.Headers.Concat(response.Content.Headers).Where(h => h.Key is not ("Transfer-Encoding" or "Content-Length")))
            {
                context.Response.Headers[header.Key] = header.Value.ToArray();
            }

            if (rewrite is null)
            {
                await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
                return;
            }

            var xml = rewrite(message, await response.Content.ReadAsStringAsync(context.RequestAborted));
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(xml), context.RequestAborted);
        });
        await app.StartAsync(cancellationToken);
        return new TaxiiRelay(app, forward, new Uri(new Uri(app.Urls.First()), target.AbsolutePath));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
        forward.Dispose();
    }
}
