using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using FluentAssertions;
using Taxii.Protocol.Http;
using Taxii.Protocol.Messages;
using Taxii.Testing;

namespace Taxii.Server.Tests.Security;

/// <summary>
/// Bodies that hold a connection open or break HTTP framing: a body trickled far below Kestrel's minimum data rate
/// (240 bytes/s after a 5 s grace period, Kestrel's defaults, which the host keeps) is cut off, broken chunked encoding
/// is refused, neither is logged as a server error, and the server keeps serving.
/// </summary>
public sealed class SlowBodyTests(SlowBodyTests.Factory app) : IClassFixture<SlowBodyTests.Factory>
{
    private const string Password = "slow-password-1";

    public sealed class Factory : TaxiiAppFactory
    {
        protected override Task SeedAsync() => CreateUserAsync("slow-admin", Password, admin: true);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RawTaxii.Discovery)]
    [InlineData(RawTaxii.Inbox)]
    public async Task A_body_trickled_below_the_minimum_data_rate_is_cut_off(string path)
    {
        using var client = await ConnectAsync(path, "Content-Length: 100000\r\n");
        var stream = client.GetStream();
        var watch = Stopwatch.StartNew();
        var start = Encoding.UTF8.GetBytes("<taxii_11:Discovery_Request xmlns:taxii_11=\"http://taxii.mitre.org/messages/taxii_xml_binding-1.1\" message_id=\"1\">");
        await stream.WriteAsync(start, Ct);

        // one byte every 250 ms is 4 bytes/s: the server must give up long before the 100,000 bytes would arrive
        var closed = false;
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        var reading = stream.ReadAsync(buffer, Ct).AsTask();
        while (watch.Elapsed < TimeSpan.FromSeconds(40) && !closed)
        {
            if (await Task.WhenAny(reading, Task.Delay(250, Ct)) == reading)
            {
                var read = await ReadOrZero(reading);
                answer.Append(Encoding.UTF8.GetString(buffer, 0, read));
                closed = read == 0;
                if (!closed)
                {
                    reading = stream.ReadAsync(buffer, Ct).AsTask();
                }

                continue;
            }

            try
            {
                await stream.WriteAsync(" "u8.ToArray(), Ct);
            }
            catch (IOException)
            {
                closed = true;
            }
        }

        closed.Should().BeTrue($"the server cuts off a body this slow (answer so far: {answer})");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30));
        await ExpectHealthyAsync();
    }

    [Fact]
    public async Task Broken_chunked_encoding_is_refused_without_a_server_error()
    {
        using var client = await ConnectAsync(RawTaxii.Discovery, "Transfer-Encoding: chunked\r\n");
        var stream = client.GetStream();
        await stream.WriteAsync("10\r\n<taxii_11:Discov\r\nZZZZ\r\nnot a chunk\r\n"u8.ToArray(), Ct);
        var buffer = new byte[4096];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var answer = Encoding.UTF8.GetString(buffer, 0, await ReadOrZero(stream.ReadAsync(buffer, timeout.Token).AsTask()));

        answer.Should().NotContain(" 500 ");
        await ExpectHealthyAsync();
    }

    private async Task ExpectHealthyAsync()
    {
        using var http = app.CreateClient();
        (await http.GetAsync("/health/ready", Ct)).IsSuccessStatusCode.Should().BeTrue();
        var discovery = await app.CreateTaxiiClient(TaxiiVersion.V11, "slow-admin", Password).DiscoverAsync(app.Address(RawTaxii.Discovery), Ct);
        discovery.ServiceInstances.Should().NotBeEmpty();
        app.Logs.Errors().Should().BeEmpty("a slow or broken body is the client's problem, not a server error");
    }

    private static async Task<int> ReadOrZero(Task<int> read)
    {
        try
        {
            return await read;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private async Task<TcpClient> ConnectAsync(string path, string framing)
    {
        var address = app.Address("/");
        var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port, Ct);
        var headers = $"POST {path} HTTP/1.1\r\nHost: {address.Authority}\r\n"
            + $"Authorization: Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes($"slow-admin:{Password}"))}\r\n"
            + $"Content-Type: application/xml\r\n{TaxiiHttpHeaders.ContentType}: {MessageBindingIds.Xml11}\r\n"
            + $"{TaxiiHttpHeaders.Services}: {ServicesIds.V11}\r\n{TaxiiHttpHeaders.Protocol}: {ProtocolBindingIds.Http10}\r\n"
            + framing + "\r\n";
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(headers), Ct);
        return client;
    }
}
