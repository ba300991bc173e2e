using System.Diagnostics;
using System.Globalization;
using System.Text;
using Taxii.Benchmarks.Load;

namespace Taxii.Benchmarks.Wrk;

/// <summary>
/// Runs wrk with <c>taxii.lua</c> for one scenario: first for the warm-up (the runtime's tiered JIT needs tens of seconds
/// on two busy cores), then measured, with the CPU of the server and of PostgreSQL and the server's resident memory
/// sampled meanwhile, and prints the scenario's line.
/// </summary>
internal sealed class WrkRunner(LoadServer server, string directory, TimeSpan duration, TimeSpan warmup)
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "Wrk", "taxii.lua");

    /// <summary>Scenarios with a bad answer or a socket error.</summary>
    public int Failed { get; private set; }

    /// <summary>The largest resident memory of the server seen while any scenario was measured (each resets VmHWM).</summary>
    public long PeakResidentBytes { get; private set; }

    public static string? Executable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':')
            .Select(dir => Path.Combine(dir, "wrk"))
            .FirstOrDefault(File.Exists);

    public async Task RunAsync(WrkScenario scenario, CancellationToken cancellationToken)
    {
        if (warmup > TimeSpan.Zero)
        {
            await WrkAsync(scenario, warmup, cancellationToken);
        }

        server.ResetPeak();
        using var sampling = new CancellationTokenSource();
        var sampler = PollLoad.SampleAsync(server, sampling.Token);
        var cpu = CpuSplit.Start(server);
        var result = await WrkAsync(scenario, duration, cancellationToken);
        cpu.Stop();
        await sampling.CancelAsync();
        var peak = Math.Max(await sampler, server.PeakResidentBytes());
        PeakResidentBytes = Math.Max(PeakResidentBytes, peak);

        var seconds = result.Duration.TotalSeconds;
        var rate = scenario.CountsBlocks
            ? $"{result.Blocks / seconds:N0} blocks/s ({result.Blocks:N0} blocks in {result.Requests:N0} answers)"
            : $"{result.Requests / seconds:N0} {(scenario.Mode == "inbox" ? "messages" : "req")}/s ({result.Requests:N0} answers)";
        var perBlock = scenario.CountsBlocks && result.Blocks > 0
            ? FormattableString.Invariant($" (per block {cpu.Server.TotalMicroseconds / result.Blocks:N1} / {cpu.Postgres.TotalMicroseconds / result.Blocks:N1} µs)")
            : "";
        var perAnswer = result.Requests == 0 ? "" : FormattableString.Invariant(
            $"; CPU per answer: server {cpu.Server.TotalMicroseconds / result.Requests:N0} µs, PostgreSQL {cpu.Postgres.TotalMicroseconds / result.Requests:N0} µs{perBlock}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{scenario.Name}: {rate} in {seconds:F1} s, {result.Errors} errors; latency p50 {result.Median.TotalMilliseconds:F1} ms, p99 {result.P99.TotalMilliseconds:F1} ms{perAnswer}; server peak RSS {peak / 1e6:F0} MB"));
        if (result.Errors > 0 || result.Requests == 0)
        {
            Failed++;
            Console.WriteLine($"  errors: {result.Bad} bad answers, {result.SocketErrors} socket errors; first bad answer: {result.FirstBad}");
        }
    }

    private async Task<WrkResult> WrkAsync(WrkScenario scenario, TimeSpan time, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(Executable() ?? "wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            "-t", Math.Min(Environment.ProcessorCount, scenario.Connections).ToString(CultureInfo.InvariantCulture),
            "-c", scenario.Connections.ToString(CultureInfo.InvariantCulture),
            "-d", $"{(int)time.TotalSeconds}s",
            "--timeout", "60s",
            "-s", Script,
            new Uri(server.BaseAddress, scenario.ServicePath).ToString(),
            "--",
            scenario.Mode,
            scenario.BodyFile,
            scenario.Authenticated ? "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{LoadServer.AdminName}:{LoadServer.AdminPassword}")) : "-",
            Math.Max(scenario.BlocksPerMessage, 1).ToString(CultureInfo.InvariantCulture),
            scenario.FulfilmentFile ?? "-",
        ];
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.WorkingDirectory = directory;
        using var wrk = Process.Start(info) ?? throw new InvalidOperationException("wrk did not start");
        var output = wrk.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = wrk.StandardError.ReadToEndAsync(cancellationToken);
        await wrk.WaitForExitAsync(cancellationToken);
        if (wrk.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk exited with {wrk.ExitCode}: {await errors}{await output}");
        }

        return WrkResult.Parse(await output);
    }
}
