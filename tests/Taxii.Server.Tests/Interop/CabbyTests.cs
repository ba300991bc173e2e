using System.Globalization;
using FluentAssertions;
using Taxii.Protocol.Messages;
using Taxii.Server.Tests.Taxii;
using Taxii.Testing;
using Taxii.Testing.Peers;

namespace Taxii.Server.Tests.Interop;

/// <summary>
/// The real cabby 0.1.23 CLI (on libtaxii 1.1.119) against a default Taxii install, every command in TAXII 1.1 and
/// 1.0, each starting with discovery as cabby does without <c>--path</c>. What cabby cannot do itself is left out and
/// said so: a 1.0 push (cabby passes an argument its 1.0 client does not take), a 1.0 count-only poll, 1.0
/// PAUSE/RESUME (not in TAXII 1.0).
/// </summary>
public sealed class CabbyTests(CabbyHost app) : IClassFixture<CabbyHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("1.1", "COLLECTION_MANAGEMENT")]
    [InlineData("1.0", "FEED_MANAGEMENT")]
    public async Task Discovery_lists_each_service_once_and_anonymous_callers_see_the_public_one(string version, string management)
    {
        var run = await app.CabbyAsync("taxii-discovery", version);

        run.Succeeded.Should().BeTrue(run.ToString());
        run.Stderr.Should().Contain("4 services discovered", run.ToString());
        run.Stdout.Should().Contain("Service Type: DISCOVERY").And.Contain("Service Type: " + management)
            .And.Contain("Service Type: INBOX").And.Contain("Service Type: POLL");
        run.Stdout.Should().Contain($"Address: {app.Address("/taxii-poll-service/")}");

        var anonymous = await Cabby.RunAsync("taxii-discovery", ["--discovery", app.Discovery, "-t", version], cancellationToken: Ct);
        anonymous.Succeeded.Should().BeTrue(anonymous.ToString());
        anonymous.Stderr.Should().Contain("1 services discovered", anonymous.ToString());
    }

    [Theory]
    [InlineData("1.1", "Collection Name")]
    [InlineData("1.0", "Feed Name")]
    public async Task Collections_lists_what_the_user_may_read_with_what_each_takes(string version, string nameLabel)
    {
        await app.CollectionAsync($"listed-any-{version}");
        await app.CollectionAsync($"listed-stix-{version}", ContentBindingIds.Stix12);

        var run = await app.CabbyAsync("taxii-collections", version);

        run.Succeeded.Should().BeTrue(run.ToString());
        run.Stdout.Should().Contain($"{nameLabel}: listed-any-{version}").And.Contain($"{nameLabel}: listed-stix-{version}");
        Section(run.Stdout, $"listed-stix-{version}").Should().Contain("Supported Content: urn:stix.mitre.org:xml:1.2");
    }

    [Fact]
    public async Task Content_pushed_with_cabby_polls_back_as_pushed_in_both_versions()
    {
        await app.CollectionAsync("round-trip");
        var package = InteropStix.Package("round-trip-1", "round-trip.example.org", "Round trip");
        var file = InteropStix.WriteFile(TempDirectory.Create("cabby-push"), "package", package);

        var push = await app.CabbyAsync("taxii-push", "1.1", "--content-file", file, "--binding", ContentBindingIds.Stix12, "--dest", "round-trip");

        push.Succeeded.Should().BeTrue(push.ToString());
        push.Stderr.Should().Contain("Content block successfully pushed");
        foreach (var version in new[] { "1.1", "1.0" })
        {
            var poll = await app.CabbyAsync("taxii-poll", version, "-c", "round-trip");
            poll.Succeeded.Should().BeTrue(poll.ToString());
            poll.BlocksPolled.Should().Be(1, poll.ToString());
            InteropStix.SameContent(poll.Stdout, package).Should().BeTrue($"TAXII {version} poll gives back what was pushed:\n{poll}");
        }
    }

    [Theory]
    [InlineData("1.1")]
    [InlineData("1.0")]
    public async Task Begin_and_end_select_blocks_by_timestamp_label(string version)
    {
        var collection = $"windows-{version}";
        await app.CollectionAsync(collection);
        var before = DateTimeOffset.UtcNow;
        await AddAsync(collection, "<first>one</first>");
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(20, Ct);
        await AddAsync(collection, "<second>two</second>");
        var after = DateTimeOffset.UtcNow;

        var first = await app.CabbyAsync("taxii-poll", version, "-c", collection, "--begin", Label(before), "--end", Label(between));
        var second = await app.CabbyAsync("taxii-poll", version, "-c", collection, "--begin", Label(between));
        var both = await app.CabbyAsync("taxii-poll", version, "-c", collection, "--begin", Label(before), "--end", Label(after));
        var none = await app.CabbyAsync("taxii-poll", version, "-c", collection, "--begin", Label(after));

        foreach (var run in new[] { first, second, both, none })
        {
            run.Succeeded.Should().BeTrue(run.ToString());
        }

        first.BlocksPolled.Should().Be(1, first.ToString());
        InteropStix.SameContent(first.Stdout, "<first>one</first>").Should().BeTrue(first.ToString());
        second.BlocksPolled.Should().Be(1, second.ToString());
        InteropStix.SameContent(second.Stdout, "<second>two</second>").Should().BeTrue(second.ToString());
        both.BlocksPolled.Should().Be(2, both.ToString());
        none.BlocksPolled.Should().Be(0, none.ToString());
    }

    [Fact]
    public async Task Count_only_counts_without_sending_content()
    {
        await app.CollectionAsync("counted");
        await AddAsync("counted", "<counted>1</counted>");
        await AddAsync("counted", "<counted>2</counted>");
        await AddAsync("counted", "<counted>3</counted>");

        var run = await app.CabbyAsync("taxii-poll", "1.1", "-c", "counted", "--count-only");

        run.Succeeded.Should().BeTrue(run.ToString());
        run.Stderr.Should().Contain("Content blocks count: 3, is partial: False", run.ToString());
        run.Stdout.Should().NotContain("<counted>");
    }

    [Theory]
    [InlineData("1.1")]
    [InlineData("1.0")]
    public async Task A_binding_filter_returns_only_blocks_of_that_binding(string version)
    {
        var collection = $"bindings-{version}";
        await app.CollectionAsync(collection);
        await TestData.AddBlocksAsync(app, collection, ContentBindingIds.Stix12, "<stix12>a</stix12>");
        await TestData.AddBlocksAsync(app, collection, ContentBindingIds.Stix111, "<stix111>b</stix111>");

        var stix12 = await app.CabbyAsync("taxii-poll", version, "-c", collection, "-b", ContentBindingIds.Stix12);
        var stix111 = await app.CabbyAsync("taxii-poll", version, "-c", collection, "-b", ContentBindingIds.Stix111);

        stix12.Succeeded.Should().BeTrue(stix12.ToString());
        stix12.BlocksPolled.Should().Be(1, stix12.ToString());
        InteropStix.SameContent(stix12.Stdout, "<stix12>a</stix12>").Should().BeTrue(stix12.ToString());
        stix111.BlocksPolled.Should().Be(1, stix111.ToString());
        InteropStix.SameContent(stix111.Stdout, "<stix111>b</stix111>").Should().BeTrue(stix111.ToString());
    }

    [Theory]
    [InlineData("1.1", "taxii_11:")]
    [InlineData("1.0", "taxii:")]
    public async Task Raw_output_prints_each_content_block_as_XML(string version, string prefix)
    {
        var collection = $"raw-{version}";
        await app.CollectionAsync(collection);
        await AddAsync(collection, "<raw>block</raw>");

        var run = await app.CabbyAsync("taxii-poll", version, "-c", collection, "--raw", "-x");

        run.Succeeded.Should().BeTrue(run.ToString());
        run.Stdout.Should().Contain($"<{prefix}Content_Block").And.Contain($"<{prefix}Timestamp_Label>")
            .And.Contain($"<{prefix}Content><raw>block</raw></{prefix}Content>");
    }

    [Theory]
    [InlineData("1.1")]
    [InlineData("1.0")]
    public async Task Dest_dir_gets_one_file_per_block_holding_its_content(string version)
    {
        var collection = $"files-{version}";
        await app.CollectionAsync(collection);
        string[] packages =
        [
            InteropStix.Package($"file-a-{version}", "a.example.org", "File A"),
            InteropStix.Package($"file-b-{version}", "b.example.org", "File B"),
        ];
        foreach (var package in packages)
        {
            await AddAsync(collection, package);
        }

        HoldsEachOnce(await PolledFilesAsync(collection, version), packages);
    }

    [Fact]
    public async Task Subscriptions_in_1_1_go_through_subscribe_status_pause_resume_poll_and_unsubscribe()
    {
        await app.CollectionAsync("subscribed-11");
        await AddAsync("subscribed-11", "<subscribed>11</subscribed>");

        var subscribe = await app.CabbyAsync("taxii-subscription", "1.1", "-c", "subscribed-11", "-a", "subscribe");
        subscribe.Succeeded.Should().BeTrue(subscribe.ToString());
        var id = subscribe.SubscriptionIds.Should().ContainSingle().Subject;
        subscribe.Statuses.Should().Equal("ACTIVE");

        (await ActAsync("1.1", "subscribed-11", "status", id)).Statuses.Should().Equal("ACTIVE");
        (await ActAsync("1.1", "subscribed-11", "status")).SubscriptionIds.Should().Equal(id);
        (await ActAsync("1.1", "subscribed-11", "pause", id)).Statuses.Should().Equal("PAUSED");
        (await ActAsync("1.1", "subscribed-11", "status", id)).Statuses.Should().Equal("PAUSED");
        (await ActAsync("1.1", "subscribed-11", "resume", id)).Statuses.Should().Equal("ACTIVE");

        var poll = await app.CabbyAsync("taxii-poll", "1.1", "-c", "subscribed-11", "-s", id);
        poll.Succeeded.Should().BeTrue(poll.ToString());
        poll.BlocksPolled.Should().Be(1, poll.ToString());
        InteropStix.SameContent(poll.Stdout, "<subscribed>11</subscribed>").Should().BeTrue(poll.ToString());

        (await ActAsync("1.1", "subscribed-11", "unsubscribe", id)).Statuses.Should().Equal("UNSUBSCRIBED");
        var gone = await app.CabbyAsync("taxii-subscription", "1.1", "-c", "subscribed-11", "-a", "status", "-s", id);
        gone.Errors.Should().ContainSingle().Which.Should().Contain("NOT_FOUND", "STATUS after UNSUBSCRIBE finds nothing:\n{0}", gone);
        (await ActAsync("1.1", "subscribed-11", "status")).SubscriptionIds.Should().BeEmpty();
    }

    [Fact]
    public async Task Subscriptions_in_1_0_go_through_subscribe_status_poll_and_unsubscribe()
    {
        await app.CollectionAsync("subscribed-10");
        await AddAsync("subscribed-10", "<subscribed>10</subscribed>");

        var subscribe = await app.CabbyAsync("taxii-subscription", "1.0", "-c", "subscribed-10", "-a", "subscribe");
        subscribe.Succeeded.Should().BeTrue(subscribe.ToString());
        var id = subscribe.SubscriptionIds.Should().ContainSingle().Subject;

        (await ActAsync("1.0", "subscribed-10", "status", id)).SubscriptionIds.Should().Equal(id);
        (await ActAsync("1.0", "subscribed-10", "status")).SubscriptionIds.Should().Equal(id);

        var poll = await app.CabbyAsync("taxii-poll", "1.0", "-c", "subscribed-10", "-s", id);
        poll.Succeeded.Should().BeTrue(poll.ToString());
        poll.BlocksPolled.Should().Be(1, poll.ToString());
        InteropStix.SameContent(poll.Stdout, "<subscribed>10</subscribed>").Should().BeTrue(poll.ToString());

        (await ActAsync("1.0", "subscribed-10", "unsubscribe", id)).SubscriptionIds.Should().Equal(id);
        (await ActAsync("1.0", "subscribed-10", "status")).SubscriptionIds.Should().BeEmpty();
    }

    [Fact]
    public async Task Proxy_copies_one_Taxii_collection_into_another()
    {
        await app.CollectionAsync("proxy-source");
        await app.CollectionAsync("proxy-target", ContentBindingIds.Stix12);
        string[] packages =
        [
            InteropStix.Package("proxied-1", "one.proxied.example.org", "Proxied one"),
            InteropStix.Package("proxied-2", "two.proxied.example.org", "Proxied two"),
        ];
        foreach (var package in packages)
        {
            await AddAsync("proxy-source", package);
        }

        var proxy = await Cabby.RunAsync("taxii-proxy",
        [
            "--poll-path", app.Address(TaxiiData.Poll).ToString(), "--poll-collection", "proxy-source",
            "--poll-username", CabbyHost.User, "--poll-password", CabbyHost.Password,
            "--inbox-path", app.Address(TaxiiData.Inbox).ToString(), "--inbox-collection", "proxy-target",
            "--inbox-username", CabbyHost.User, "--inbox-password", CabbyHost.Password, "--binding", ContentBindingIds.Stix12,
        ], cancellationToken: Ct);

        proxy.Succeeded.Should().BeTrue(proxy.ToString());
        HoldsEachOnce(await PolledFilesAsync("proxy-target"), packages);
    }

    private static void HoldsEachOnce(IReadOnlyList<string> polled, IReadOnlyList<string> packages)
    {
        polled.Should().HaveCount(packages.Count);
        foreach (var package in packages)
        {
            polled.Should().ContainSingle(c => InteropStix.SameContent(c, package), "each package arrives once, as it was:\n{0}", string.Join("\n", polled));
        }
    }

    /// <summary>What cabby's <c>--dest-dir</c> saved from a poll of the whole collection: one file per block.</summary>
    private async Task<IReadOnlyList<string>> PolledFilesAsync(string collection, string version = "1.1")
    {
        var directory = TempDirectory.Create("cabby-dest");
        var run = await app.CabbyAsync("taxii-poll", version, "-c", collection, "--dest-dir", directory);
        run.Succeeded.Should().BeTrue(run.ToString());
        return [.. Directory.GetFiles(directory).Select(File.ReadAllText)];
    }

    private Task<CabbyRun> ActAsync(string version, string collection, string action, string? id = null) =>
        RequireSuccessAsync(app.CabbyAsync("taxii-subscription", version, ["-c", collection, "-a", action, .. id is null ? Array.Empty<string>() : ["-s", id]]));

    private static async Task<CabbyRun> RequireSuccessAsync(Task<CabbyRun> running)
    {
        var run = await running;
        run.Succeeded.Should().BeTrue(run.ToString());
        return run;
    }

    private Task AddAsync(string collection, string xml) => TestData.AddBlocksAsync(app, collection, ContentBindingIds.Stix12, xml);

    /// <summary>A timestamp as cabby takes it (ISO 8601, UTC), to the microsecond as Taxii labels blocks.</summary>
    private static string Label(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>cabby's text dump of one collection: from its name line to the next collection's.</summary>
    private static string Section(string dump, string name)
    {
        var start = dump.IndexOf(": " + name + "\n", StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, dump);
        var next = dump.IndexOf(" Name: ", start + name.Length + 3, StringComparison.Ordinal);
        return next < 0 ? dump[start..] : dump[start..next];
    }
}
