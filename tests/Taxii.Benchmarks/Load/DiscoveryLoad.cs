namespace Taxii.Benchmarks.Load;

/// <summary>Discovery requests per second from several concurrent workers, after <see cref="LoadCommand.Warmup"/> of authenticated requests.</summary>
internal static class DiscoveryLoad
{
    public static async Task RunAsync(LoadClients clients, CancellationToken cancellationToken)
    {
        // warm on the authenticated shape, which runs the anonymous one's code and more
        var warm = clients.Create();
        await LoadClients.RunAsync(32, LoadCommand.Warmup, 10_000_000, ct => warm.DiscoverAsync(clients.Discovery, ct), cancellationToken);
        // the discovery service is public: anonymous callers skip authentication, authenticated ones pay for it
        foreach (var anonymous in new[] { true, false })
        {
            var client = clients.Create(anonymous);
            await client.DiscoverAsync(clients.Discovery, cancellationToken);
            foreach (var workers in new[] { 8, 32 })
            {
                var (steps, elapsed) = await LoadClients.RunAsync(workers, TimeSpan.FromSeconds(5), 500_000,
                    ct => client.DiscoverAsync(clients.Discovery, ct), cancellationToken);
                LoadCommand.Report($"discovery, {(anonymous ? "anonymous" : "basic auth")}, {workers} workers", steps, elapsed, "req/s");
            }
        }
    }
}
