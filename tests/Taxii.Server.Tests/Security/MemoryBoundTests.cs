using System.Text;
using FluentAssertions;
using Taxii.Protocol.Messages;
using Taxii.Testing;

namespace Taxii.Server.Tests.Security;

/// <summary>
/// Bodies built to make a parser allocate far beyond their size (entity expansion to gigabytes, a 16 MiB attribute)
/// sent to a server in a process of its own, whose peak resident memory (/proc VmHWM, not disturbed by tests running
/// in parallel) must stay within a bound a few times the bodies' size.
/// </summary>
public sealed class MemoryBoundTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    // generous for a runtime's own growth; an expanded quadratic blowup alone would be 5 GB of characters
    private const long AllowedGrowth = 384L * 1024 * 1024;

    [Fact]
    public async Task Hostile_bodies_do_not_make_the_server_allocate_far_beyond_them()
    {
        Assert.SkipUnless(File.Exists("/proc/self/status"), "peak memory is read from /proc");
        var ct = TestContext.Current.CancellationToken;
        var database = await PostgresServer.CreateDatabaseAsync(cancellationToken: ct);
        var port = ServerProcess.FreeTcpPort();
        await using var server = ServerProcess.Start([$"--urls=http://127.0.0.1:{port}"], TempDirectory.Create("taxii-memory"),
            new Dictionary<string, string?>
            {
                ["ConnectionStrings__Taxii"] = database,
                // run outside the build output, the host has no appsettings.json and so no seeded services
                ["Taxii__Seed__Services__0__Type"] = "Discovery",
                ["Taxii__Seed__Services__0__Path"] = "/taxii-discovery-service/",
            });
        await server.WaitUntilHealthyAsync(new Uri($"http://127.0.0.1:{port}/health/ready"), StartTimeout);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };

        // warm up: the first requests load and compile what every later one uses
        for (var i = 0; i < 5; i++)
        {
            await SendAsync(http, Message("<taxii_11:Discovery_Request " + Ns + " message_id=\"1\"/>"), ct);
        }

        var before = PeakResident(server.Id);
        var bodies = new[]
        {
            Message("<!DOCTYPE r [<!ENTITY a \"" + new string('a', 50_000) + "\">]><taxii_11:Discovery_Request " + Ns + " message_id=\"1\">"
                + "<taxii_11:Extended_Headers><taxii_11:Extended_Header name=\"urn:x\">" + string.Concat(Enumerable.Repeat("&a;", 50_000))
                + "</taxii_11:Extended_Header></taxii_11:Extended_Headers></taxii_11:Discovery_Request>"),
            Message("<!DOCTYPE r [<!ENTITY l0 \"lol\">" + string.Concat(Enumerable.Range(1, 12)
                .Select(i => $"<!ENTITY l{i} \"{string.Concat(Enumerable.Repeat($"&l{i - 1};", 10))}\">")) + "]>"
                + "<taxii_11:Discovery_Request " + Ns + " message_id=\"&l12;\"/>"),
            Message("<taxii_11:Discovery_Request " + Ns + " message_id=\"" + new string('9', 16 * 1024 * 1024) + "\"/>"),
            Message("<taxii_11:Discovery_Request " + Ns + " message_id=\"1\"><taxii_11:Extended_Headers><taxii_11:Extended_Header name=\"urn:x\">"
                + string.Concat(Enumerable.Repeat("<a>", 1_000_000)) + "</taxii_11:Extended_Header></taxii_11:Extended_Headers></taxii_11:Discovery_Request>"),
        };
        foreach (var body in bodies)
        {
            for (var i = 0; i < 3; i++)
            {
                (await SendAsync(http, body, ct)).Should().Contain("BAD_MESSAGE");
            }

            TestContext.Current.TestOutputHelper?.WriteLine($"peak after a {body.Length}-byte body: {PeakResident(server.Id) / 1048576} MiB");
        }

        var growth = PeakResident(server.Id) - before;
        TestContext.Current.TestOutputHelper?.WriteLine($"peak resident memory: {before / 1048576} MiB before, grew by {growth / 1048576} MiB");
        growth.Should().BeLessThan(AllowedGrowth, "the largest body is {0} bytes", bodies.Max(b => b.Length));
    }

    private const string Ns = "xmlns:taxii_11=\"http://taxii.mitre.org/messages/taxii_xml_binding-1.1\"";

    private static byte[] Message(string xml) => Encoding.UTF8.GetBytes(xml);

    private static async Task<string> SendAsync(HttpClient http, byte[] body, CancellationToken ct)
    {
        using var request = Security.RawTaxii.Request("/taxii-discovery-service/", body, TaxiiVersion.V11);
        using var response = await http.SendAsync(request, ct);
        return await response.Content.ReadAsStringAsync(ct);
    }

    /// <summary>VmHWM: the most resident memory the process ever had, in bytes.</summary>
    private static long PeakResident(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
