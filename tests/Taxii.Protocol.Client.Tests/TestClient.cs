using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Client.Tests;

/// <summary>A <see cref="TaxiiClient"/> with the <see cref="HttpClient"/> it owns, for one test.</summary>
internal sealed class TestClient : IDisposable
{
    private readonly HttpClient _http;

    public TestClient(TaxiiClientOptions options, Uri? baseAddress = null)
    {
        _http = new HttpClient(TaxiiClient.CreateHandler(options)) { Timeout = Timeout.InfiniteTimeSpan, BaseAddress = baseAddress };
        Client = new TaxiiClient(_http, options);
    }

    public TaxiiClient Client { get; }

    public static TestClient Create(TaxiiVersion version = TaxiiVersion.V11) => new(new TaxiiClientOptions { Version = version });

    public void Dispose() => _http.Dispose();
}
