using Taxii.Protocol.Client;
using Taxii.Protocol.Messages;

namespace Taxii.Benchmarks.Load;

/// <summary>What every scenario shares: the server, one pooled TaxiiClient, and a way to run workers for a while.</summary>
internal sealed class LoadClients(LoadServer server) : IDisposable
{
    private readonly HttpClient _http = new(TaxiiClient.CreateHandler(Options()));

    public LoadServer Server => server;

    public Uri Discovery => new(server.BaseAddress, "/taxii-discovery-service/");

    public Uri Inbox => new(server.BaseAddress, "/taxii-inbox-service/");

    public Uri Poll => new(server.BaseAddress, "/taxii-poll-service/");

    public TaxiiClient Create(bool anonymous = false) => new(_http, anonymous ? new TaxiiClientOptions { Version = TaxiiVersion.V11 } : Options());

    /// <summary>Runs <paramref name="workers"/> loops of <paramref name="step"/> for <paramref name="duration"/> (or <paramref name="maxSteps"/>); returns the steps done and the time taken.</summary>
    public static async Task<(long Steps, TimeSpan Elapsed)> RunAsync(int workers, TimeSpan duration, long maxSteps,
        Func<CancellationToken, Task> step, CancellationToken cancellationToken)
    {
        long claimed = 0;
        long completed = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            while (clock.Elapsed < duration && Interlocked.Increment(ref claimed) <= maxSteps)
            {
                await step(cancellationToken);
                Interlocked.Increment(ref completed);
            }
        }));
        return (completed, clock.Elapsed);
    }

    public void Dispose() => _http.Dispose();

    private static TaxiiClientOptions Options() => new()
    {
        Version = TaxiiVersion.V11,
        UserName = LoadServer.AdminName,
        Password = LoadServer.AdminPassword,
        Timeout = TimeSpan.FromMinutes(5),
    };
}
