using System.Text.Json;
using FluentAssertions;
using Taxii.Server.Tests.Admin;
using Taxii.Testing;

namespace Taxii.Server.Tests.Feeds;

/// <summary>Runs under a tiny MaxBlobSize: packages are split, and an entity too large for any package fails the run.</summary>
public sealed class OutgoingFeedSplitTests(OutgoingFeedSplitTests.Factory app) : IClassFixture<OutgoingFeedSplitTests.Factory>
{
    private const int MaxBlobSize = 4096;

    public sealed class Factory : TaxiiAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Taxii:Limits:MaxBlobSize"] = MaxBlobSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        protected override Task SeedAsync() => CreateUserAsync(AdminApiFactory.AdminName, AdminApiFactory.Password, admin: true);
    }

    [Fact]
    public async Task Packages_stay_within_MaxBlobSize_and_together_hold_every_entity()
    {
        var api = new FeedApi(app.CreateClient(AdminApiFactory.AdminName, AdminApiFactory.Password));
        var dataset = await api.CreateDatasetAsync("split-ds");
        var entities = string.Join(",", Enumerable.Range(1, 40).Select(i =>
            $$"""{"type":"indicator","title":"indicator {{i}}","description":"{{new string('d', 100)}}","observables":[{"kind":"ipv4","value":"10.0.0.{{i}}"}]}"""));
        var ids = await api.AddEntitiesAsync(dataset, $"[{entities}]");
        var feed = await api.CreateFeedAsync($$"""{"name":"split json","datasetIds":[{{dataset}}],"transport":{"type":"http-download"},"contentType":"eclecticiq-json","updateStrategy":"replace"}""");

        var packages = await api.RunAndDownloadAsync(feed);

        packages.Should().HaveCountGreaterThan(1);
        packages.Should().OnlyContain(p => System.Text.Encoding.UTF8.GetByteCount(p) <= MaxBlobSize);
        packages.SelectMany(p => JsonDocument.Parse(p).RootElement.GetProperty("entities").EnumerateArray().Select(e => e.GetProperty("id").GetString()))
            .Should().BeEquivalentTo(ids);
    }

    [Fact]
    public async Task An_entity_larger_than_MaxBlobSize_fails_the_run_naming_it()
    {
        var api = new FeedApi(app.CreateClient(AdminApiFactory.AdminName, AdminApiFactory.Password));
        var dataset = await api.CreateDatasetAsync("huge-ds");
        var ids = await api.AddEntitiesAsync(dataset, $$"""[{"type":"report","title":"huge","description":"{{new string('x', 2 * MaxBlobSize)}}"}]""");
        var feed = await api.CreateFeedAsync($$"""{"name":"huge json","datasetIds":[{{dataset}}],"transport":{"type":"http-download"},"contentType":"eclecticiq-json"}""");

        var run = await api.RunAsync(feed);

        run.GetProperty("status").GetString().Should().Be("failed");
        run.GetProperty("error").GetString().Should().Contain(ids[0]).And.Contain("MaxBlobSize");
    }
}
