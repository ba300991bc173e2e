using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Feeds;
using Taxii.Core.Security;
using Taxii.Feeds.Ingestion;
using Taxii.Persistence;
using Taxii.Testing;

namespace Taxii.Server.Tests.Feeds;

/// <summary>Files uploaded to incoming feeds and datasets over real HTTP, with a small upload limit.</summary>
public sealed class IncomingUploadTests(IncomingUploadTests.Factory app) : IClassFixture<IncomingUploadTests.Factory>
{
    private const string Password = "upload password";
    /// <summary>Above the API's 4 MiB limit for JSON bodies, which uploads do not have.</summary>
    private const long UploadLimit = 5L * 1024 * 1024;

    public sealed class Factory : TaxiiAppFactory
    {
        public int GroupId { get; private set; }

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Taxii:Limits:MaxUploadedBlobSize"] = UploadLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        protected override async Task SeedAsync()
        {
            await CreateUserAsync("upload-admin", Password, admin: true);
            var uploader = await CreateUserAsync("uploader", Password);
            var reader = await CreateUserAsync("upload-reader", Password);
            var stranger = await CreateUserAsync("upload-stranger", Password);
            GroupId = await this.AddGroupAsync("uploaders", uploader.Id, reader.Id);
            await using var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
            var role = new Role { Name = "uploading", Permissions = [Permissions.ModifyIncomingFeeds, Permissions.ModifyDatasets] };
            db.Roles.Add(role);
            db.AttachRange(uploader, stranger);
            uploader.Roles.Add(role);
            stranger.Roles.Add(role);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Uploader => app.CreateClient("uploader", Password);

    [Fact]
    public async Task A_declared_length_over_the_limit_is_refused_with_413_before_the_body_is_sent()
    {
        var feed = await AddFeedAsync("declared");

        var (status, body) = await RawAsync($"/api/v1/incoming-feeds/{feed}/uploads",
            $"Content-Type: text/plain\r\nContent-Length: {UploadLimit + 1}\r\n\r\n", Encoding.ASCII.GetBytes("198.51.100.1\n"));

        status.Should().StartWith("HTTP/1.1 413");
        body.Should().Contain("application/problem+json").And.Contain($"({UploadLimit} bytes, Taxii:Limits:MaxUploadedBlobSize)");
        (await app.GetIncomingRunsAsync(feed)).Should().BeEmpty("no run is recorded for a refused upload");
    }

    [Fact]
    public async Task A_chunked_body_is_refused_with_413_once_it_passes_the_limit()
    {
        var dataset = await app.AddDatasetAsync("upload chunked", app.GroupId);
        var chunk = new string('x', 64 * 1024);
        var chunks = string.Concat(Enumerable.Repeat($"{chunk.Length:x}\r\n{chunk}\r\n", (int)(UploadLimit / chunk.Length) + 2)) + "0\r\n\r\n";

        var (status, body) = await RawAsync($"/api/v1/datasets/{dataset}/uploads",
            "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n", Encoding.ASCII.GetBytes(chunks));

        status.Should().StartWith("HTTP/1.1 413");
        body.Should().Contain($"({UploadLimit} bytes, Taxii:Limits:MaxUploadedBlobSize)");
    }

    [Fact]
    public async Task A_body_over_the_json_limit_of_the_api_is_accepted_when_the_upload_limit_allows_it()
    {
        var dataset = await app.AddDatasetAsync("upload generous");

        // over 4 MiB, under the upload limit: the answer is about the content, not the size
        using var response = await Admin.PostAsync($"/api/v1/datasets/{dataset}/uploads", new ByteArrayContent(new byte[UploadLimit]), Ct);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await ProblemAsync(response)).GetProperty("detail").GetString().Should().Be("the content type is unknown: set the feed's content type");
    }

    [Fact]
    public async Task Uploading_needs_the_permission_and_a_feed_of_ones_groups()
    {
        var feed = await AddFeedAsync("permissions");
        var dataset = await app.AddDatasetAsync("upload permissions", app.GroupId);
        var foreign = await app.AddDatasetAsync("upload foreign");

        (await app.CreateClient("upload-reader", Password).PostAsync($"/api/v1/incoming-feeds/{feed}/uploads", Text("x"), Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.CreateClient("upload-reader", Password).PostAsync($"/api/v1/datasets/{dataset}/uploads", Text("x"), Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.CreateClient("upload-stranger", Password).PostAsync($"/api/v1/incoming-feeds/{feed}/uploads", Text("x"), Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Uploader.PostAsync($"/api/v1/datasets/{foreign}/uploads", Text("x"), Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await app.GetIncomingRunsAsync(feed)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_feed_upload_the_dataset_already_holds_is_a_run_that_skipped_it()
    {
        var dataset = await app.AddDatasetAsync("upload known");
        var feed = await AddFeedAsync("known", dataset);
        await app.AddIngestedPackageAsync(dataset, "198.51.100.30\n"u8.ToArray());

        using var response = await Uploader.PostAsync($"/api/v1/incoming-feeds/{feed}/uploads", Text("198.51.100.30\n"), Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        response.Headers.Location!.ToString().Should().MatchRegex($"/api/v1/incoming-feeds/{feed}/runs/[0-9]+$");
        var run = await JsonAsync(response);
        run.GetProperty("trigger").GetString().Should().Be("upload");
        run.GetProperty("status").GetString().Should().Be("succeeded");
        run.GetProperty("skippedPackageCount").GetInt32().Should().Be(1);
        (await app.GetIncomingRunsAsync(feed)).Should().ContainSingle().Which.Status.Should().Be(FeedRunStatus.Succeeded);
    }

    [Fact]
    public async Task A_feed_upload_of_unknown_content_is_a_failed_run_with_the_reason()
    {
        var feed = await AddFeedAsync("unknown", contentType: null);

        using var response = await Uploader.PostAsync($"/api/v1/incoming-feeds/{feed}/uploads", new ByteArrayContent("??"u8.ToArray()), Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var run = await JsonAsync(response);
        run.GetProperty("status").GetString().Should().Be("failed");
        run.GetProperty("failedPackageCount").GetInt32().Should().Be(1);
        run.GetProperty("error").GetString().Should().Be("the content type is unknown: set the feed's content type");
        run.GetProperty("errors")[0].GetProperty("package").GetString().Should().Be("uploaded file");
    }

    [Fact]
    public async Task An_upload_while_a_run_is_active_is_refused_with_409()
    {
        var feed = await AddFeedAsync("busy");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IncomingFeedRunQueue>().QueueAsync(feed, FeedRunTrigger.Manual, enqueue: false, Ct);
        }

        using var response = await Uploader.PostAsync($"/api/v1/incoming-feeds/{feed}/uploads", Text("198.51.100.31\n"), Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await ProblemAsync(response)).GetProperty("detail").GetString().Should().Contain("a run is in progress");
    }

    [Fact]
    public async Task An_unknown_content_type_in_the_query_is_refused()
    {
        var dataset = await app.AddDatasetAsync("upload bad query");

        using var response = await Admin.PostAsync($"/api/v1/datasets/{dataset}/uploads?contentType=pdf", Text("x"), Ct);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
    }

    /// <summary>Needs the content readers (plain text).</summary>
    [Fact]
    public async Task A_dataset_upload_stores_its_entities_and_a_second_one_is_skipped()
    {
        var dataset = await app.AddDatasetAsync("upload plain", app.GroupId);

        using var first = await Uploader.PostAsync($"/api/v1/datasets/{dataset}/uploads?contentType=plain-text", Text("198.51.100.40\nfirst.example\n"), Ct);
        using var second = await Uploader.PostAsync($"/api/v1/datasets/{dataset}/uploads", Text("198.51.100.40\nfirst.example\n"), Ct);

        first.StatusCode.Should().Be(HttpStatusCode.OK, await first.Content.ReadAsStringAsync(Ct));
        var result = await JsonAsync(first);
        result.GetProperty("outcome").GetString().Should().Be("stored");
        result.GetProperty("created").GetInt32().Should().Be(2);
        (await JsonAsync(second)).GetProperty("outcome").GetString().Should().Be("skipped");
        (await app.ObservableValuesAsync(dataset)).Should().BeEquivalentTo(["198.51.100.40", "first.example"]);
    }

    /// <summary>Needs the content readers (plain text): a multipart upload, detected by its part's file name.</summary>
    [Fact]
    public async Task A_multipart_feed_upload_is_detected_by_its_file_name_and_stored()
    {
        var dataset = await app.AddDatasetAsync("upload multipart");
        var feed = await AddFeedAsync("multipart", dataset, contentType: null);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent("203.0.113.50\n"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", "list.txt");

        using var response = await Uploader.PostAsync($"/api/v1/incoming-feeds/{feed}/uploads", form, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var run = await JsonAsync(response);
        run.GetProperty("status").GetString().Should().Be("succeeded", run.ToString());
        run.GetProperty("packageCount").GetInt32().Should().Be(1);
        run.GetProperty("entitiesCreated").GetInt32().Should().Be(1);
        (await app.ObservableValuesAsync(dataset)).Should().Equal("203.0.113.50");
    }

    /// <summary>Needs the content readers (STIX 1.2, forced by the query): malformed content fails the run with the reader's reason.</summary>
    [Fact]
    public async Task A_malformed_package_is_a_failed_run_with_the_reason()
    {
        var feed = await AddFeedAsync("malformed");

        using var response = await Uploader.PostAsync($"/api/v1/incoming-feeds/{feed}/uploads?contentType=stix-1.2", Text("<stix:STIX_Package"), Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var run = await JsonAsync(response);
        run.GetProperty("status").GetString().Should().Be("failed");
        run.GetProperty("error").GetString().Should().StartWith("not valid ");
        run.GetProperty("errors").GetArrayLength().Should().Be(1);
    }

    private HttpClient Admin => app.CreateClient("upload-admin", Password);

    private async Task<int> AddFeedAsync(string name, int? dataset = null, FeedContentType? contentType = FeedContentType.PlainText) =>
        await app.AddIncomingFeedAsync(new IncomingFeed
        {
            Name = $"upload feed {name}",
            DatasetId = dataset ?? await app.AddDatasetAsync($"upload feed {name}"),
            TransportType = IncomingTransportType.ManualUpload,
            ContentType = contentType,
        }, app.GroupId);

    private static StringContent Text(string text) => new(text, Encoding.UTF8, "text/plain");

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        return await JsonAsync(response);
    }

    /// <summary>
    /// A raw request as the uploader: headers, then as much of the body as the server takes before it answers (it may
    /// close the connection without reading the rest). Returns the status line and the rest of the response.
    /// </summary>
    private async Task<(string Status, string Remainder)> RawAsync(string path, string headers, byte[] body)
    {
        var address = app.Address("/");
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port, Ct);
        await using var stream = tcp.GetStream();
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"uploader:{Password}"));
        var head = $"POST {path} HTTP/1.1\r\nHost: {address.Authority}\r\nAuthorization: Basic {credentials}\r\nConnection: close\r\n{headers}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), Ct);
        try
        {
            await stream.WriteAsync(body, Ct);
        }
        catch (IOException)
        {
            // the server answered and closed before taking the whole body
        }

        using var reader = new StreamReader(stream);
        var status = await reader.ReadLineAsync(Ct) ?? string.Empty;
        return (status, await reader.ReadToEndAsync(Ct));
    }
}
