using System.Diagnostics;

namespace Taxii.Benchmarks.Load;

/// <summary>CPU time used by the server, its PostgreSQL and this process (the load generator) between <see cref="Start"/> and <see cref="Stop"/>.</summary>
internal sealed class CpuSplit
{
    private readonly LoadServer _server;
    private TimeSpan _server0;
    private TimeSpan _serverKernel0;
    private TimeSpan _postgres0;
    private TimeSpan _client0;

    private CpuSplit(LoadServer server) => _server = server;

    public TimeSpan Server { get; private set; }

    public TimeSpan ServerKernel { get; private set; }

    public TimeSpan Postgres { get; private set; }

    public TimeSpan Client { get; private set; }

    public static CpuSplit Start(LoadServer server)
    {
        var split = new CpuSplit(server);
        split._server0 = server.CpuTime();
        split._serverKernel0 = server.KernelCpuTime();
        split._postgres0 = LoadServer.PostgresCpuTime();
        split._client0 = Process.GetCurrentProcess().TotalProcessorTime;
        return split;
    }

    public CpuSplit Stop()
    {
        Server = _server.CpuTime() - _server0;
        ServerKernel = _server.KernelCpuTime() - _serverKernel0;
        Postgres = LoadServer.PostgresCpuTime() - _postgres0;
        Client = Process.GetCurrentProcess().TotalProcessorTime - _client0;
        return this;
    }

    /// <summary>"server 1.20 s (0.30 s of it in the kernel), PostgreSQL 0.80 s, client 0.40 s (12.0 / 8.0 / 4.0 µs per block)".</summary>
    public string Describe(long units, string unit) =>
        $"CPU used meanwhile: server {Server.TotalSeconds:F2} s ({ServerKernel.TotalSeconds:F2} s of it in the kernel), PostgreSQL {Postgres.TotalSeconds:F2} s, client (this process) {Client.TotalSeconds:F2} s"
        + (units > 0 ? $" ({PerUnit(Server, units):F1} / {PerUnit(Postgres, units):F1} / {PerUnit(Client, units):F1} µs per {unit})" : "");

    private static double PerUnit(TimeSpan time, long units) => time.TotalMicroseconds / units;
}
