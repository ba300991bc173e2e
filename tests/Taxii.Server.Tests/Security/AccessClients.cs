using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Taxii.Protocol.Client;
using Taxii.Protocol.Http;
using Taxii.Protocol.Messages;
using Taxii.Testing;

namespace Taxii.Server.Tests.Security;

/// <summary>
/// Clients of a test host that connect from a chosen loopback address (Linux routes all of 127/8 to lo), so the
/// host sees distinct client addresses, and raw TAXII requests for comparing answers byte for byte.
/// </summary>
internal static class AccessClients
{
    /// <summary>An HTTP client whose connections come from <paramref name="source"/> (e.g. 127.0.0.2).</summary>
    public static HttpClient From(TaxiiAppFactory app, string source, string? user = null, string? password = null, DelegatingHandler? inner = null)
    {
        var target = app.Address("/");
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, target.Port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        HttpMessageHandler pipeline = handler;
        if (inner is not null)
        {
            inner.InnerHandler = handler;
            pipeline = inner;
        }

        var client = new HttpClient(pipeline) { BaseAddress = target };
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = Basic(user, password ?? string.Empty);
        }

        return client;
    }

    /// <summary>The project's TAXII client from <paramref name="source"/>; its answers are checked against the XSD.</summary>
    public static TaxiiClient TaxiiFrom(TaxiiAppFactory app, string source, TaxiiVersion version, string? user, string? password)
    {
        var options = new TaxiiClientOptions { Version = version, Timeout = TimeSpan.FromSeconds(60), UserName = user, Password = password };
        return new TaxiiClient(From(app, source, inner: new SchemaCheckingHandler()), options);
    }

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    /// <summary>A Discovery_Request with a fixed message id, in the given version's binding.</summary>
    public static HttpRequestMessage Discovery(string path, TaxiiVersion version, AuthenticationHeaderValue? authorization)
    {
        var request = Taxii.DiscoveryTests.Request(path, version, ProtocolBindingIds.Http10);
        request.Headers.Authorization = authorization;
        return request;
    }
}
