using System.Collections.Concurrent;
using System.Net;
using FluentAssertions;
using Taxii.Core.Security;
using Taxii.Protocol.Messages;
using Taxii.Server.Tests.Taxii;
using Taxii.Testing;
using CollectionType = Taxii.Core.Collections.CollectionType;

namespace Taxii.Server.Tests.Security;

/// <summary>
/// Over ten thousand mutated TAXII messages (a seeded <see cref="TaxiiMessageMutator"/> over every request type in
/// both versions) posted to every service, mostly as an administrator so they reach the handlers: none may crash
/// the server, and it must still serve afterwards.
/// </summary>
public sealed class FuzzTests(FuzzTests.Factory app) : IClassFixture<FuzzTests.Factory>
{
    // fixed so a run is reproducible; TAXII_FUZZ_SEED explores others
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("TAXII_FUZZ_SEED"), out var seed) ? seed : 20261129;
    private const int Count = 10_400;
    private const string Password = "fuzz-password-1";

    // the fuzz collection ends up holding whatever mutated content was well-formed enough to store (1.0 inboxes write
    // to every collection): the check afterwards uses a collection made after the run, so that it sees only its own block
    private const string Untouched = "after-fuzz";

    public sealed class Factory : TaxiiAppFactory
    {
        public User Admin { get; private set; } = null!;

        // subscriptions the fuzz creates must never be pushed anywhere during the run
        protected override IReadOnlyDictionary<string, string?> Settings =>
            new Dictionary<string, string?> { ["Taxii:Subscriptions:DeliveryCron"] = "0 0 1 1 *" };

        protected override async Task SeedAsync()
        {
            Admin = await CreateUserAsync("fuzz-admin", Password, admin: true);
            await TestData.AddCollectionAsync(this, FuzzCorpus.Collection, CollectionType.DataFeed, [],
                RawTaxii.Inbox, RawTaxii.Poll, RawTaxii.CollectionManagement);
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ten_thousand_mutated_messages_get_TAXII_answers_without_a_server_error_and_the_server_still_serves()
    {
        var corpus = await FuzzCorpus.LoadAsync(Ct);
        var mutator = new TaxiiMessageMutator(corpus, Seed);
        using var admin = app.CreateClient(app.Admin.Name, Password);
        using var anonymous = app.CreateClient(null, null);
        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<string, int>();

        await Parallel.ForEachAsync(Enumerable.Range(0, Count), new ParallelOptions { MaxDegreeOfParallelism = 6, CancellationToken = Ct }, async (index, ct) =>
        {
            var mutation = mutator.Create(index);
            var origin = corpus[mutation.Origin];
            // mostly the service and headers the message was meant for, sometimes another service or version
            var path = index % 5 == 4 ? RawTaxii.Services[index / 5 % RawTaxii.Services.Length] : FuzzCorpus.ServiceFor(origin);
            var version = index % 7 == 6 ? Other(FuzzCorpus.VersionOf(origin)) : FuzzCorpus.VersionOf(origin);
            using var request = RawTaxii.Request(path, mutation.Body, version);
            using var response = await (index % 10 == 9 ? anonymous : admin).SendAsync(request, ct);
            var (message, problem) = await RawTaxii.ReadAsync(response, ct);
            var status = (int)response.StatusCode >= 500 ? $"HTTP {(int)response.StatusCode}" : problem;
            if (status is not null)
            {
                failures.Enqueue($"{status} from {path} ({version}) for {mutation}");
            }

            statuses.AddOrUpdate(message is StatusMessage s ? s.Status.Value : message?.GetType().Name ?? "none", 1, (_, n) => n + 1);
        });

        TestContext.Current.TestOutputHelper?.WriteLine($"seed {Seed}: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}")));
        failures.Should().BeEmpty("every mutated message gets a TAXII answer below HTTP 500 (first: {0})", failures.FirstOrDefault());
        statuses.Keys.Should().Contain(["BAD_MESSAGE", "SUCCESS"], "the mutations both break messages and leave some valid enough to be handled");
        app.Logs.Errors().Should().BeEmpty("no mutated message may cause an unhandled exception (first: {0})",
            app.Logs.Errors().Select(e => e.RenderMessage(null) + " " + e.Exception).FirstOrDefault());

        using var health = await anonymous.GetAsync("/health/ready", Ct);
        health.StatusCode.Should().Be(HttpStatusCode.OK);
        await TestData.AddCollectionAsync(app, Untouched, CollectionType.DataFeed, [], RawTaxii.Inbox, RawTaxii.Poll);
        var client = app.CreateTaxiiClient(TaxiiVersion.V11, app.Admin.Name, Password);
        var marker = $"after-fuzz-{Guid.NewGuid():N}";
        var inbox = await client.InboxAsync(app.Address(RawTaxii.Inbox), TaxiiData.Message([TaxiiData.TextBlock(marker)], Untouched), Ct);
        inbox.Status.Should().Be(StatusType.Success);
        var poll = await client.PollAsync(app.Address(RawTaxii.Poll), TaxiiData.PollOf(Untouched), Ct);
        poll.ContentBlocks.Should().ContainSingle().Which.Content.Value.Should().Be(marker);
    }

    private static TaxiiVersion Other(TaxiiVersion version) => version == TaxiiVersion.V11 ? TaxiiVersion.V10 : TaxiiVersion.V11;
}
