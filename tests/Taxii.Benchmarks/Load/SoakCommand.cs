using System.Diagnostics;
using System.Globalization;
using Taxii.Protocol;
using Taxii.Protocol.Client;
using Taxii.Protocol.Messages;

namespace Taxii.Benchmarks.Load;

/// <summary>
/// <c>soak [--minutes 10] [--rate 100] [--server path/to/Taxii.Server.dll]</c>: mixed discovery / inbox / poll load on
/// the built server over loopback at a fixed request rate for a fixed time. Prints the server's resident memory at
/// the start, each minute and the end, latency percentiles per kind of request, and every error; exits 1 when any
/// request failed.
/// </summary>
internal static class SoakCommand
{
    private const string PollCollection = "bench-1k";
    private const string InboxCollection = "bench-inbox";

    // the mix, out of 10 requests: discovery 4, inbox 3 (messages of 1 to 10 blocks), poll 3 (the 1,000-block
    // collection or the last 10 seconds of the inbox collection)
    private static readonly Kind[] Mix =
        [Kind.Discovery, Kind.Discovery, Kind.Discovery, Kind.Discovery, Kind.Inbox, Kind.Inbox, Kind.Inbox, Kind.PollAll, Kind.PollRecent, Kind.PollRecent];

    private enum Kind
    {
        Discovery,
        Inbox,
        PollAll,
        PollRecent,
    }

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var serverDll = LoadCommand.Option(args, "--server") ?? LoadCommand.FindServer();
        if (serverDll is null || !File.Exists(serverDll))
        {
            await Console.Error.WriteLineAsync("Taxii.Server.dll not found: build it (dotnet build -c Release src/Taxii.Server) or pass --server <path>");
            return 2;
        }

        var duration = TimeSpan.FromMinutes(double.Parse(LoadCommand.Option(args, "--minutes") ?? "10", CultureInfo.InvariantCulture));
        var rate = int.Parse(LoadCommand.Option(args, "--rate") ?? "100", CultureInfo.InvariantCulture);
        if (duration <= TimeSpan.Zero || rate is < 1 or > 5_000)
        {
            await Console.Error.WriteLineAsync("--minutes must be positive and --rate between 1 and 5000 requests/s");
            return 2;
        }

        Console.WriteLine($"server: {serverDll}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} logical cores, {LoadCommand.CpuModel()}, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"soak: {duration.TotalMinutes:0.#} minutes at {rate} requests/s (discovery 40 %, inbox of 1-10 blocks 30 %, poll 30 %)");
        await using var server = await LoadServer.StartAsync(serverDll, cancellationToken);
        using var clients = new LoadClients(server);
        await PrepareAsync(clients, cancellationToken);

        var soak = new Soak(clients, rate);
        // one minute of the mix first, unmeasured, so the start figure is a warmed-up server's and not its cold start
        await soak.RunAsync(TimeSpan.FromMinutes(Math.Min(1, duration.TotalMinutes / 10)), null, cancellationToken);
        soak.Reset();
        var start = server.ResidentBytes();
        Console.WriteLine($"  RSS at start (after warm-up): {start / 1e6:F0} MB");
        var clock = Stopwatch.StartNew();
        await soak.RunAsync(duration, elapsed =>
            Console.WriteLine($"  {elapsed.TotalMinutes:F0} min: RSS {server.ResidentBytes() / 1e6:F0} MB, {soak.Completed:N0} requests, {soak.Errors:N0} errors"),
            cancellationToken);
        var end = server.ResidentBytes();
        clock.Stop();

        Console.WriteLine($"requests: {soak.Completed:N0} in {clock.Elapsed.TotalMinutes:F1} min ({soak.Completed / clock.Elapsed.TotalSeconds:N0}/s), errors: {soak.Errors:N0}, late starts (> 1 s behind schedule): {soak.Late:N0}");
        foreach (var (kind, latencies) in soak.Latencies)
        {
            Console.WriteLine($"  {kind,-11} n={latencies.Count,8:N0}  p50 {Percentile(latencies, 0.50),7:F1} ms  p99 {Percentile(latencies, 0.99),7:F1} ms  max {Percentile(latencies, 1),7:F1} ms");
        }

        var all = soak.Latencies.Values.SelectMany(l => l).ToList();
        Console.WriteLine($"  {"all",-11} n={all.Count,8:N0}  p50 {Percentile(all, 0.50),7:F1} ms  p99 {Percentile(all, 0.99),7:F1} ms  max {Percentile(all, 1),7:F1} ms");
        Console.WriteLine($"server RSS: start {start / 1e6:F0} MB, end {end / 1e6:F0} MB, peak {server.PeakResidentBytes() / 1e6:F0} MB (VmHWM, includes the warm-up)");
        foreach (var error in soak.FirstErrors)
        {
            Console.WriteLine("error: " + error);
        }

        return soak.Errors == 0 ? 0 : 1;
    }

    private static async Task PrepareAsync(LoadClients clients, CancellationToken cancellationToken)
    {
        var content = InboxLoad.Blocks(1_000);
        await clients.Create().InboxAsync(clients.Inbox, InboxLoad.Message(content, PollCollection), cancellationToken);
    }

    private static double Percentile(List<double> values, double rank)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        values.Sort();
        return values[Math.Min(values.Count - 1, (int)Math.Ceiling(rank * values.Count) - 1 is var i && i < 0 ? 0 : i)];
    }

    /// <summary>Requests started on a fixed schedule (open loop: a slow answer does not slow the schedule down), at most 256 in flight.</summary>
    private sealed class Soak(LoadClients clients, int rate)
    {
        private const int MaxInFlight = 256;
        private readonly TaxiiClient _client = clients.Create();
        private readonly Random _random = new(20261129);
        private readonly Lock _lock = new();
        private readonly SemaphoreSlim _inFlight = new(MaxInFlight);
        private readonly ContentBlock[][] _blocks = [.. Enumerable.Range(1, 10).Select(n => InboxLoad.Blocks(n, 2000))];
        private long _completed;
        private long _errors;
        private long _late;

        public Dictionary<Kind, List<double>> Latencies { get; private set; } = NewLatencies();

        public List<string> FirstErrors { get; } = [];

        public long Completed => Interlocked.Read(ref _completed);

        public long Errors => Interlocked.Read(ref _errors);

        public long Late => Interlocked.Read(ref _late);

        public void Reset()
        {
            Latencies = NewLatencies();
            FirstErrors.Clear();
            _completed = _errors = _late = 0;
        }

        public async Task RunAsync(TimeSpan duration, Action<TimeSpan>? everyMinute, CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            var interval = TimeSpan.FromSeconds(1.0 / rate);
            var running = new List<Task>();
            var nextReport = TimeSpan.FromMinutes(1);
            for (long i = 0; ; i++)
            {
                var due = interval * i;
                if (due >= duration)
                {
                    break;
                }

                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken);
                }
                else if (wait < -TimeSpan.FromSeconds(1))
                {
                    Interlocked.Increment(ref _late);
                }

                if (everyMinute is not null && clock.Elapsed >= nextReport)
                {
                    everyMinute(nextReport);
                    nextReport += TimeSpan.FromMinutes(1);
                }

                await _inFlight.WaitAsync(cancellationToken);
                Kind kind;
                lock (_lock)
                {
                    kind = Mix[_random.Next(Mix.Length)];
                }

                running.Add(SendAsync(kind, cancellationToken));
                if (running.Count > 4 * MaxInFlight)
                {
                    running.RemoveAll(t => t.IsCompleted);
                }
            }

            await Task.WhenAll(running);
        }

        private async Task SendAsync(Kind kind, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await (kind switch
                {
                    Kind.Discovery => _client.DiscoverAsync(clients.Discovery, cancellationToken),
                    Kind.Inbox => _client.InboxAsync(clients.Inbox, InboxLoad.Message(_blocks[Next(10)], InboxCollection), cancellationToken),
                    Kind.PollAll => CountAsync(PollCollection, null, 1_000, cancellationToken),
                    _ => CountAsync(InboxCollection, DateTimeOffset.UtcNow.AddSeconds(-10), 0, cancellationToken),
                });
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                lock (_lock)
                {
                    Latencies[kind].Add(elapsed);
                }

                Interlocked.Increment(ref _completed);
            }
            catch (Exception e) when (e is HttpRequestException or TaxiiStatusException or TaxiiProtocolException or TaskCanceledException or InvalidOperationException)
            {
                Interlocked.Increment(ref _errors);
                lock (_lock)
                {
                    if (FirstErrors.Count < 20)
                    {
                        FirstErrors.Add($"{kind}: {e.GetType().Name}: {e.Message}");
                    }
                }
            }
            finally
            {
                _inFlight.Release();
            }
        }

        private async Task CountAsync(string collection, DateTimeOffset? begin, int expected, CancellationToken cancellationToken)
        {
            var blocks = 0;
            await foreach (var _ in _client.PollAllAsync(clients.Poll, collection, begin, null, cancellationToken: cancellationToken))
            {
                blocks++;
            }

            if (expected > 0 && blocks != expected)
            {
                throw new InvalidOperationException($"poll of {collection} returned {blocks} blocks, expected {expected}");
            }
        }

        private int Next(int max)
        {
            lock (_lock)
            {
                return _random.Next(max);
            }
        }

        private static Dictionary<Kind, List<double>> NewLatencies() => Enum.GetValues<Kind>().ToDictionary(k => k, _ => new List<double>());
    }
}
