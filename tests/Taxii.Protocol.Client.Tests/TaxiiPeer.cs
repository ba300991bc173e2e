using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Xml;

namespace Taxii.Protocol.Client.Tests;

/// <summary>
/// A scripted TAXII peer on a real Kestrel over loopback. Every request is recorded (headers, body and
/// the message the protocol library reads from it) before the test's script answers it.
/// </summary>
internal sealed class TaxiiPeer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _received = new();

    private TaxiiPeer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The address tests post to; the path is arbitrary since the peer answers on every path.</summary>
    public Uri ServiceUri => new(BaseAddress, "/taxii/service/");

    public IReadOnlyList<RecordedRequest> Received => [.. _received];

    /// <param name="readBody">False leaves the request body unread for the script to stream.</param>
    public static async Task<TaxiiPeer> StartAsync(
        Func<PeerExchange, Task> script, CancellationToken cancellationToken, PeerTls? tls = null, bool readBody = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (tls is null)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }
        else
        {
            // the slim builder leaves HTTPS out unless asked
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
                listen.UseHttps(https =>
                {
                    https.ServerCertificate = tls.ServerCertificate;
                    if (tls.AskForClientCertificate)
                    {
                        https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                        https.AllowAnyClientCertificate();
                    }
                })));
        }

        var app = builder.Build();
        var peer = new TaxiiPeer(app);
        app.Run(async context =>
        {
            var recorded = await RecordAsync(context, readBody);
            peer._received.Enqueue(recorded);
            await script(new PeerExchange(context, recorded));
        });
        await app.StartAsync(cancellationToken);
        peer.BaseAddress = new Uri(app.Urls.First());
        return peer;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private static async Task<RecordedRequest> RecordAsync(HttpContext context, bool readBody)
    {
        using var buffer = new MemoryStream();
        if (readBody)
        {
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        }

        var body = buffer.ToArray();
        TaxiiMessageRead? message = null;
        if (body.Length > 0)
        {
            message = await TaxiiMessageReader.ReadAsync(new MemoryStream(body), context.RequestAborted);
        }

        var headers = context.Request.Headers.ToDictionary(
            h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new RecordedRequest(
            context.Request.Method, context.Request.Path, headers, body, message,
            context.Connection.ClientCertificate?.Thumbprint);
    }
}

/// <summary>TLS settings of a <see cref="TaxiiPeer"/>.</summary>
internal sealed record PeerTls(X509Certificate2 ServerCertificate, bool AskForClientCertificate = false);

/// <summary>What the peer received, for the test to check.</summary>
internal sealed record RecordedRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    TaxiiMessageRead? Read,
    string? ClientCertificateThumbprint)
{
    public ITaxiiMessage Message => Read?.Message ?? throw new InvalidOperationException("The request had no body.");

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
