using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Security;
using Taxii.Feeds.Jobs;
using Taxii.Persistence;
using Taxii.Protocol.Client;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Query;
using Taxii.Testing;
using static Taxii.Server.Tests.Taxii.TaxiiData;

namespace Taxii.Server.Tests.Taxii;

public sealed class PollPartTests(PollPartTests.Factory app) : IClassFixture<PollPartTests.Factory>
{
    private const string Password = "parts password";

    public sealed class Factory : TaxiiAppFactory
    {
        public User Analyst { get; private set; } = null!;

        public User Other { get; private set; } = null!;

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Taxii:Services:MaxBlocksPerPart"] = "2",
        };

        protected override async Task SeedAsync()
        {
            Analyst = await CreateUserAsync("analyst", Password, admin: true);
            Other = await CreateUserAsync("other", Password, admin: true);
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_large_result_comes_in_parts_that_can_each_be_fetched_again()
    {
        var collection = await app.AddCollectionAsync("parts");
        await Send(collection.Name, 5);

        var first = await Client().PollAsync(app.Address(Poll), PollOf(collection.Name), Ct);
        var resultId = first.Header.ResultId!;
        var second = await Fulfill(collection.Name, resultId, 2);
        var third = await Fulfill(collection.Name, resultId, 3);
        var secondAgain = await Fulfill(collection.Name, resultId, 2);

        first.Header.More.Should().BeTrue();
        first.Header.ResultPartNumber.Should().Be(1);
        first.Header.RecordCount.Should().Be(new RecordCount(5));
        second.Header.More.Should().BeTrue();
        third.Header.More.Should().BeFalse();
        third.Header.ResultPartNumber.Should().Be(3);
        new[] { first, second, third }.SelectMany(p => p.ContentBlocks).Select(b => b.Content.Value)
            .Should().Equal("block 0", "block 1", "block 2", "block 3", "block 4");
        secondAgain.ContentBlocks.Select(b => b.Content.Value).Should().Equal("block 2", "block 3");
        new[] { second, third }.Should().AllSatisfy(p => p.Header.InclusiveEndTimestamp.Should().Be(first.Header.InclusiveEndTimestamp));
    }

    [Fact]
    public async Task The_client_follows_every_part_and_a_query_is_applied_to_each_part()
    {
        var collection = await app.AddCollectionAsync("parts-query");
        for (var i = 0; i < 7; i++)
        {
            await Client().InboxAsync(app.Address(Inbox), Message([XmlBlock(i % 2 == 0 ? $"<keep n=\"{i}\">yes</keep>" : $"<drop n=\"{i}\"/>")], collection.Name), Ct);
        }

        var query = new DefaultQuery(TargetingExpressionIds.Stix12, new Criteria(CriteriaOperator.And,
            new Criterion("keep", new CriterionTest(CapabilityModules.Core, Relationships.Exists))));
        var progress = new TaxiiPollProgress();

        var all = new List<ContentBlock>();
        await foreach (var block in Client().PollAllAsync(app.Address(Poll), PollOf(collection.Name, parameters: new PollParameters
        {
            Query = new TaxiiQuery(QueryFormatIds.DefaultQuery10, DefaultQueryXml.ToXml(query)),
        }), progress, Ct))
        {
            all.Add(block);
        }

        all.Select(b => b.Content.Value).Should().Equal("<keep n=\"0\">yes</keep>", "<keep n=\"2\">yes</keep>", "<keep n=\"4\">yes</keep>", "<keep n=\"6\">yes</keep>");
        progress.PartCount.Should().Be(2);
    }

    [Fact]
    public async Task Parts_never_split_the_blocks_of_one_label()
    {
        var collection = await app.AddCollectionAsync("parts-labels");
        await Client().InboxAsync(app.Address(Inbox), Message(Enumerable.Range(0, 5).Select(i => TextBlock($"together {i}")), collection.Name), Ct);
        await Send(collection.Name, 1);

        var first = await Client().PollAsync(app.Address(Poll), PollOf(collection.Name), Ct);
        var second = await Fulfill(collection.Name, first.Header.ResultId!, 2);

        first.ContentBlocks.Should().HaveCount(5, "a part is a contiguous label range holding every record in it, even past the part size");
        first.ContentBlocks.Select(b => b.TimestampLabel).Distinct().Should().ContainSingle();
        second.ContentBlocks.Select(b => b.Content.Value).Should().Equal("block 0");
        second.Header.More.Should().BeFalse();
    }

    [Fact]
    public async Task A_part_past_the_end_is_INVALID_RESPONSE_PART_with_MAX_PART_NUMBER()
    {
        var collection = await app.AddCollectionAsync("parts-invalid");
        await Send(collection.Name, 5);
        var first = await Client().PollAsync(app.Address(Poll), PollOf(collection.Name), Ct);

        var fourth = () => Fulfill(collection.Name, first.Header.ResultId!, 4);

        var refusal = (await fourth.Should().ThrowAsync<TaxiiStatusException>()).Which;
        refusal.Status.Should().Be(StatusType.InvalidResponsePart);
        refusal.Details.Should().Equal(new StatusDetail(StatusDetailNames.MaxPartNumber, "3"));
    }

    [Fact]
    public async Task Unknown_expired_and_other_callers_results_are_NOT_FOUND()
    {
        var collection = await app.AddCollectionAsync("parts-not-found");
        await Send(collection.Name, 3);
        var first = await Client().PollAsync(app.Address(Poll), PollOf(collection.Name), Ct);
        var resultId = first.Header.ResultId!;

        var unknown = () => Fulfill(collection.Name, "urn:taxii:result:nope", 2);
        var otherCaller = () => app.CreateTaxiiClient(TaxiiVersion.V11, app.Other.Name, Password)
            .FulfillPollAsync(app.Address(Poll), new PollFulfillmentRequest(MessageIds.New(), collection.Name, resultId) { ResultPartNumber = 2 }, Ct);
        var wrongCollection = () => Fulfill("default", resultId, 2);

        foreach (var act in new[] { unknown, otherCaller, wrongCollection })
        {
            (await act.Should().ThrowAsync<TaxiiStatusException>()).Which.Status.Should().Be(StatusType.NotFound);
        }

        await ExpireAsync(resultId);
        var expired = () => Fulfill(collection.Name, resultId, 2);
        var refusal = (await expired.Should().ThrowAsync<TaxiiStatusException>()).Which;
        refusal.Status.Should().Be(StatusType.NotFound);
        refusal.Details.Should().Equal(new StatusDetail(StatusDetailNames.Item, resultId));
    }

    [Fact]
    public async Task The_cleanup_job_removes_expired_results_and_is_scheduled()
    {
        var collection = await app.AddCollectionAsync("parts-cleanup");
        await Send(collection.Name, 3);
        var expired = (await Client().PollAsync(app.Address(Poll), PollOf(collection.Name), Ct)).Header.ResultId!;
        var live = (await Client().PollAsync(app.Address(Poll), PollOf(collection.Name), Ct)).Header.ResultId!;
        await ExpireAsync(expired);

        await using var scope = app.Services.CreateAsyncScope();
        var removed = await scope.ServiceProvider.GetRequiredService<PollResultCleanupJob>().RunAsync(Ct);

        removed.Should().BeGreaterThanOrEqualTo(1);
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        (await db.PollResults.AnyAsync(r => r.Id == expired, Ct)).Should().BeFalse();
        (await db.PollResultParts.AnyAsync(p => p.ResultId == expired, Ct)).Should().BeFalse();
        (await db.PollResults.AnyAsync(r => r.Id == live, Ct)).Should().BeTrue();
        using var connection = scope.ServiceProvider.GetRequiredService<Hangfire.JobStorage>().GetConnection();
        Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection).Should().Contain(j => j.Id == PollResultCleanupJob.JobId);
    }

    private async Task ExpireAsync(string resultId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        await db.PollResults.Where(r => r.Id == resultId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)), Ct);
    }

    /// <summary>One message per block, so every block has a label of its own.</summary>
    private async Task Send(string collection, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Client().InboxAsync(app.Address(Inbox), Message([TextBlock($"block {i}")], collection), Ct);
        }
    }

    private Task<PollResponse> Fulfill(string collection, string resultId, int part) =>
        Client().FulfillPollAsync(app.Address(Poll), new PollFulfillmentRequest(MessageIds.New(), collection, resultId) { ResultPartNumber = part }, Ct);

    private TaxiiClient Client() => app.CreateTaxiiClient(TaxiiVersion.V11, app.Analyst.Name, Password);
}
