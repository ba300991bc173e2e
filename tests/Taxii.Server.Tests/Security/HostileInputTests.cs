using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using FluentAssertions;
using Taxii.Core.Security;
using Taxii.Protocol.Messages;
using Taxii.Server.Tests.Taxii;
using Taxii.Testing;
using CollectionType = Taxii.Core.Collections.CollectionType;

namespace Taxii.Server.Tests.Security;

/// <summary>
/// Hostile bodies over real HTTP to every TAXII service in both versions, as an administrator so nothing stops them
/// before the reader: each is answered with a BAD_MESSAGE Status_Message, quickly, and nothing an entity points at
/// (a local file with a unique marker, a loopback listener) is ever read or contacted.
/// </summary>
public sealed class HostileInputTests(HostileInputTests.Factory app) : IClassFixture<HostileInputTests.Factory>
{
    private const string Password = "hostile-password-1";
    private const string Collection = "hostile";

    private static readonly string Marker = $"LEAK-MARKER-{Guid.NewGuid():N}";
    private static readonly string SecretFile = WriteSecretFile();
    private static readonly TcpListener Listener = StartListener();
    private static int _contacts;

    public sealed class Factory : TaxiiAppFactory
    {
        public User Admin { get; private set; } = null!;

        protected override async Task SeedAsync()
        {
            Admin = await CreateUserAsync("hostile-admin", Password, admin: true);
            await TestData.AddCollectionAsync(this, Collection, CollectionType.DataFeed, [], RawTaxii.Inbox, RawTaxii.Poll, RawTaxii.CollectionManagement);
        }
    }

    public static TheoryData<string, TaxiiVersion, string> Cases()
    {
        var data = new TheoryData<string, TaxiiVersion, string>();
        foreach (var service in RawTaxii.Services)
        {
            foreach (var version in RawTaxii.Versions)
            {
                foreach (var form in Forms)
                {
                    data.Add(service, version, form);
                }
            }
        }

        return data;
    }

    private static readonly string[] Forms =
    [
        "xxe-file", "xxe-http", "xxe-parameter-entity", "xxe-external-dtd", "billion-laughs", "quadratic-blowup",
        "deep-nesting", "huge-attribute", "invalid-utf8", "wrong-namespace", "schema-invalid", "truncated",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_body_gets_a_BAD_MESSAGE_quickly_and_leaks_nothing(string service, TaxiiVersion version, string form)
    {
        using var http = app.CreateClient(app.Admin.Name, Password);
        using var request = RawTaxii.Request(service, Body(service, version, form), version);
        var watch = Stopwatch.StartNew();

        using var response = await http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "a hostile body is refused, not worked through");

        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        using var reread = new HttpResponseMessage(response.StatusCode) { Content = new StringContent(text) };
        foreach (var header in response.Headers)
        {
            reread.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        var (message, problem) = await RawTaxii.ReadAsync(reread, Ct);
        problem.Should().BeNull();
        message.Should().BeOfType<StatusMessage>().Which.Status.Should().Be(StatusType.BadMessage, text);
        text.Should().NotContain(Marker).And.NotContain("root:x:0:0");
        Volatile.Read(ref _contacts).Should().Be(0, "no entity may make the server fetch a URL");
        app.Logs.Errors().Should().BeEmpty();
    }

    private static byte[] Body(string service, TaxiiVersion version, string form)
    {
        var (ns, prefix, id) = version == TaxiiVersion.V11
            ? ("http://taxii.mitre.org/messages/taxii_xml_binding-1.1", "taxii_11", "1")
            : ("http://taxii.mitre.org/messages/taxii_xml_binding-1", "taxii", "42");
        var (root, extra) = (service, version) switch
        {
            (RawTaxii.Discovery, _) => ("Discovery_Request", ""),
            (RawTaxii.CollectionManagement, TaxiiVersion.V11) => ("Collection_Information_Request", ""),
            (RawTaxii.CollectionManagement, _) => ("Feed_Information_Request", ""),
            (RawTaxii.Inbox, _) => ("Inbox_Message", ""),
            (_, TaxiiVersion.V11) => ("Poll_Request", $" collection_name=\"{Collection}\""),
            _ => ("Poll_Request", $" feed_name=\"{Collection}\""),
        };
        var open = $"<{prefix}:{root} xmlns:{prefix}=\"{ns}\" message_id=\"{id}\"{extra}>";
        var close = $"</{prefix}:{root}>";
        var port = ((IPEndPoint)Listener.LocalEndpoint).Port;
        // element content where an entity would land if it were expanded
        var slot = $"<{prefix}:Extended_Headers><{prefix}:Extended_Header name=\"urn:x\">{{0}}</{prefix}:Extended_Header></{prefix}:Extended_Headers>";
        string Wrap(string doctype, string inner) => doctype + open + string.Format(System.Globalization.CultureInfo.InvariantCulture, slot, inner) + close;

        return form switch
        {
            "xxe-file" => Utf8(Wrap($"<!DOCTYPE r [<!ENTITY x SYSTEM \"file://{SecretFile}\">]>", "&x;")),
            "xxe-http" => Utf8(Wrap($"<!DOCTYPE r [<!ENTITY x SYSTEM \"http://127.0.0.1:{port}/x\">]>", "&x;")),
            "xxe-parameter-entity" => Utf8(Wrap($"<!DOCTYPE r [<!ENTITY % p SYSTEM \"http://127.0.0.1:{port}/p\"> %p;]>", "&x;")),
            "xxe-external-dtd" => Utf8(Wrap($"<!DOCTYPE r SYSTEM \"http://127.0.0.1:{port}/dtd\">", "x")),
            "billion-laughs" => Utf8(Wrap("<!DOCTYPE r [<!ENTITY l0 \"lol\">" + string.Concat(Enumerable.Range(1, 9)
                .Select(i => $"<!ENTITY l{i} \"{string.Concat(Enumerable.Repeat($"&l{i - 1};", 10))}\">")) + "]>", "&l9;")),
            "quadratic-blowup" => Utf8(Wrap($"<!DOCTYPE r [<!ENTITY a \"{new string('a', 50_000)}\">]>",
                string.Concat(Enumerable.Repeat("&a;", 50_000)))),
            "deep-nesting" => Utf8(Wrap(string.Empty, string.Concat(Enumerable.Repeat("<a>", 100_000)) + string.Concat(Enumerable.Repeat("</a>", 100_000)))),
            "huge-attribute" => Utf8($"<{prefix}:{root} xmlns:{prefix}=\"{ns}\" message_id=\"{new string('9', 4 * 1024 * 1024)}\"{extra}/>"),
            "invalid-utf8" => [.. Utf8(open[..^1] + " x=\""), 0xC0, 0x80, 0xFF, 0xED, 0xA0, 0x80, .. Utf8("\">" + close)],
            "wrong-namespace" => Utf8($"<{prefix}:{root} xmlns:{prefix}=\"urn:example:not-taxii\" message_id=\"{id}\"{extra}/>"),
            "schema-invalid" => Utf8(open + $"<{prefix}:No_Such_Element/>" + close),
            "truncated" => Utf8(Wrap(string.Empty, "<a>text</a>")[..(open.Length + 20)]),
            _ => throw new ArgumentOutOfRangeException(nameof(form), form, null),
        };
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string WriteSecretFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"taxii-xxe-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, Marker);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    }

    private static TcpListener StartListener()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync();
                Interlocked.Increment(ref _contacts);
            }
        });
        return listener;
    }
}
