using System.Net.Sockets;
using System.Text;
using FluentAssertions;
using Taxii.Core.Settings;
using Taxii.Protocol.Http;
using Taxii.Protocol.Messages;
using Taxii.Server.Admin;
using Taxii.Testing;

namespace Taxii.Server.Tests.Security;

/// <summary>
/// Bodies far over the limit, declared (Content-Length) and undeclared (chunked), on TAXII services and on REST JSON
/// endpoints: refused with 413 (a Status_Message on TAXII, problem details on REST) while the client is still
/// sending, so the server never buffered them whole. Written over a raw socket, which shows how much was sent.
/// </summary>
public sealed class OversizedBodyTests(OversizedBodyTests.Factory app) : IClassFixture<OversizedBodyTests.Factory>
{
    private const string Password = "oversized-password-1";
    private const long MaxBlobSize = 1024 * 1024;

    // far beyond every limit; the test fails (and takes long) if the server reads all of it
    private const long Sent = 256L * 1024 * 1024;

    public sealed class Factory : TaxiiAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings =>
            new Dictionary<string, string?> { ["Taxii:Limits:MaxBlobSize"] = MaxBlobSize.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        protected override Task SeedAsync() => CreateUserAsync("oversized-admin", Password, admin: true);
    }

    public static TheoryData<string, string, bool> Cases() => new()
    {
        { "POST", RawTaxii.Inbox, false },
        { "POST", RawTaxii.Inbox, true },
        { "POST", RawTaxii.Discovery, true },
        { "POST", AdminApi.Prefix + "/users", false },
        { "POST", AdminApi.Prefix + "/users", true },
        { "PUT", AdminApi.Prefix + "/collections/1", false },
        { "PUT", AdminApi.Prefix + "/collections/1", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_body_far_over_the_limit_is_refused_with_413_before_it_is_all_sent(string method, string path, bool chunked)
    {
        var taxii = !path.StartsWith(AdminApi.Prefix, StringComparison.Ordinal);
        var (head, sent) = await SendAsync(method, path, taxii, chunked);

        head.Should().StartWith("HTTP/1.1 413");
        sent.Should().BeLessThan(Sent / 4, "the server answered long before the body ended");
        if (taxii)
        {
            head.Should().Contain("status_type=\"BAD_MESSAGE\"").And.Contain(TaxiiHttpHeaders.ContentType);
        }
        else
        {
            head.Should().Contain("application/problem+json").And.Contain("413");
        }

        (await app.CreateClient().GetAsync("/health/ready", TestContext.Current.CancellationToken)).IsSuccessStatusCode.Should().BeTrue();
    }

    [Fact]
    public void The_REST_JSON_limit_is_far_below_the_package_limit()
    {
        AdminApi.MaxJsonBodySize.Should().BeLessThan(new BlobLimitsOptions().MaxRequestBodySize);
    }

    /// <summary>Writes the request until the server answers (or 60 s pass); returns the answer's start and the bytes sent.</summary>
    private async Task<(string Head, long Sent)> SendAsync(string method, string path, bool taxii, bool chunked)
    {
        var ct = TestContext.Current.CancellationToken;
        var address = app.Address("/");
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port, ct);
        var stream = client.GetStream();
        var headers = new StringBuilder($"{method} {path} HTTP/1.1\r\nHost: {address.Authority}\r\n")
            .Append($"Authorization: Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes($"oversized-admin:{Password}"))}\r\n")
            .Append(chunked ? "Transfer-Encoding: chunked\r\n" : $"Content-Length: {Sent}\r\n");
        if (taxii)
        {
            headers.Append("Content-Type: application/xml\r\n")
                .Append($"{TaxiiHttpHeaders.ContentType}: {MessageBindingIds.Xml11}\r\n{TaxiiHttpHeaders.Services}: {ServicesIds.V11}\r\n")
                .Append($"{TaxiiHttpHeaders.Protocol}: {ProtocolBindingIds.Http10}\r\n");
        }
        else
        {
            headers.Append("Content-Type: application/json\r\n");
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(headers.Append("\r\n").ToString()), ct);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(TimeSpan.FromSeconds(60));
        long sent = 0;
        var writer = Task.Run(async () =>
        {
            // a well-formed start, then filler: the reader has no reason to stop but the size
            var start = Encoding.UTF8.GetBytes(taxii
                ? "<taxii_11:Inbox_Message xmlns:taxii_11=\"http://taxii.mitre.org/messages/taxii_xml_binding-1.1\" message_id=\"1\"><taxii_11:Message>"
                : "{\"name\": \"");
            var filler = new byte[64 * 1024];
            Array.Fill(filler, (byte)'a');
            try
            {
                await Write(start);
                while (sent < Sent - filler.Length && !stop.IsCancellationRequested)
                {
                    await Write(filler);
                }
            }
            catch (IOException)
            {
                // the server closed the connection after answering
            }
            catch (OperationCanceledException)
            {
            }
            catch (ObjectDisposedException) when (stop.IsCancellationRequested)
            {
                // the answer was read and the socket closed while a write was starting
            }

            async Task Write(byte[] data)
            {
                var frame = chunked ? [.. Encoding.ASCII.GetBytes($"{data.Length:x}\r\n"), .. data, .. "\r\n"u8.ToArray()] : data;
                await stream.WriteAsync(frame, stop.Token);
                Interlocked.Add(ref sent, data.Length);
            }
        }, ct);

        var buffer = new byte[16 * 1024];
        var read = await stream.ReadAsync(buffer, stop.Token);
        var head = Encoding.UTF8.GetString(buffer, 0, read);
        var sentWhenAnswered = Interlocked.Read(ref sent);
        // the rest of the answer (its body) may come in a second read
        if (!head.Contains("</", StringComparison.Ordinal) && !head.Contains('}', StringComparison.Ordinal))
        {
            try
            {
                using var more = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                read = await stream.ReadAsync(buffer, more.Token);
                head += Encoding.UTF8.GetString(buffer, 0, read);
            }
            catch (OperationCanceledException)
            {
            }
        }

        await stop.CancelAsync();
        client.Close();
        await writer;
        return (head, sentWhenAnswered);
    }
}
