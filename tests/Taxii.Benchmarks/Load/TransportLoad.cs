using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Taxii.Testing.Peers;

namespace Taxii.Benchmarks.Load;

/// <summary>
/// Outgoing feed runs of a 100,000-entity dataset through the network transports, to a real OpenSSH <c>sshd</c> and a
/// real <c>rsyslogd</c> started on loopback as the tests start them (<see cref="SshServer"/>, <see cref="RsyslogServer"/>,
/// stopped by their PIDs): SFTP with EclecticIQ JSON and with CSV, and syslog over TCP with CSV (one message per record).
/// The server is restarted after the entities are in (so its peak RSS counts the runs alone); each replace run is timed
/// from its own record, and what arrived is counted on the receiving side.
/// </summary>
internal static class TransportLoad
{
    public static async Task RunAsync(LoadClients clients, CancellationToken cancellationToken)
    {
        await using var sshd = new SshServer();
        await sshd.InitializeAsync();
        if (sshd.Unavailable is { } noSshd)
        {
            throw new InvalidOperationException(noSshd);
        }

        await using var rsyslog = new RsyslogServer();
        await rsyslog.InitializeAsync();
        if (rsyslog.Unavailable is { } noRsyslog)
        {
            throw new InvalidOperationException(noRsyslog);
        }

        Console.WriteLine($"transports: sshd on 127.0.0.1:{sshd.Port}, rsyslogd on 127.0.0.1:{rsyslog.Port} (TCP)");

        using var http = AdminApi.Client(clients.Server);
        var dataset = await FeedLoad.FillDatasetAsync(http, "bench-transport-source", cancellationToken);
        var sftp = new Dictionary<string, (int Feed, string Directory)>();
        foreach (var contentType in new[] { "eclecticiq-json", "csv" })
        {
            var directory = Directory.CreateDirectory(Path.Combine(sshd.UploadDirectory, contentType)).FullName;
            sftp[contentType] = (await CreateAsync(http, new
            {
                name = $"bench sftp {contentType}",
                datasetIds = new[] { dataset },
                contentType,
                updateStrategy = "replace",
                transport = new
                {
                    type = "sftp",
                    host = "127.0.0.1",
                    port = sshd.Port,
                    username = sshd.User,
                    privateKey = sshd.ClientPrivateKey,
                    hostKeyFingerprint = sshd.HostKeyFingerprint,
                    remoteDirectory = directory,
                },
            }, cancellationToken), directory);
        }

        const string syslogFeed = "bench syslog tcp csv";
        var syslog = await CreateAsync(http, new
        {
            name = syslogFeed,
            datasetIds = new[] { dataset },
            contentType = "csv",
            updateStrategy = "replace",
            transport = new { type = "syslog", host = "127.0.0.1", port = rsyslog.Port, syslogProtocol = "tcp" },
        }, cancellationToken);

        await clients.Server.RestartAsync(cancellationToken);
        Console.WriteLine($"transports: server RSS after restart {clients.Server.ResidentBytes() / 1048576.0:F0} MB");
        foreach (var (contentType, (feed, directory)) in sftp)
        {
            await FeedLoad.RunAndReportAsync(http, clients.Server, $"sftp run {contentType}", feed, cancellationToken);
            var files = new DirectoryInfo(directory).GetFiles();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sftp {contentType}: sshd's directory holds {files.Length} files, {files.Sum(f => f.Length) / 1048576.0:F1} MB"));
        }

        var run = await FeedLoad.RunAndReportAsync(http, clients.Server, "syslog tcp run csv", syslog, cancellationToken);
        var (messages, waited) = await ReceivedAsync(rsyslog, $"feed=\"{syslogFeed}\" run=\"{run.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture)}\"");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"syslog tcp csv: rsyslogd wrote {messages:N0} messages ({waited.TotalSeconds:F1} s after the run ended)"));
    }

    private static async Task<int> CreateAsync(HttpClient http, object feed, CancellationToken cancellationToken) =>
        (await AdminApi.PostAsync(http, "/api/v1/outgoing-feeds", JsonSerializer.Serialize(feed), cancellationToken)).GetProperty("id").GetInt32();

    /// <summary>The messages of the run rsyslogd has written, once their count held still for 2 s (at most a minute).</summary>
    private static async Task<(int Messages, TimeSpan Waited)> ReceivedAsync(RsyslogServer rsyslog, string marker)
    {
        var clock = Stopwatch.StartNew();
        var count = -1;
        var steady = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(1))
        {
            var now = File.Exists(rsyslog.ReceivedFile) ? File.ReadLines(rsyslog.ReceivedFile).Count(l => l.Contains(marker, StringComparison.Ordinal)) : 0;
            if (now != count)
            {
                count = now;
                steady.Restart();
            }
            else if (steady.Elapsed > TimeSpan.FromSeconds(2))
            {
                break;
            }

            await Task.Delay(500);
        }

        return (count, clock.Elapsed - steady.Elapsed);
    }
}
