using FluentAssertions;
using Taxii.Core.Security;
using Taxii.Protocol.Client;
using Taxii.Protocol.Messages;
using Taxii.Server.Tests.Taxii;
using Taxii.Testing;
using CollectionType = Taxii.Core.Collections.CollectionType;
using ServiceType = Taxii.Core.Collections.ServiceType;

namespace Taxii.Server.Tests.Security;

/// <summary>
/// Every TAXII service (discovery, collection information, subscription management, inbox, poll, poll fulfillment) in
/// 1.1 and 1.0 × anonymous / wrong password / a group member without the right it needs / a user outside the
/// collection's group / an administrator, with a rightful member as the control. Refusals are the Status_Message the
/// service gives for them: UNAUTHORIZED before the service looks at anything, and NOT_FOUND where a collection the
/// caller may not read is asked for by name (its existence is not revealed).
/// </summary>
public sealed class TaxiiAccessMatrixTests(TaxiiAccessMatrixTests.Factory app) : IClassFixture<TaxiiAccessMatrixTests.Factory>
{
    private const string Password = "matrix password";
    private const string Collection = "matrix";
    private const string Discovery = "/matrix-discovery-service/";
    private const string Management = "/taxii-collection-management-service/";
    private const string Ok = "ok";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class Factory : TaxiiAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Taxii:Services:MaxBlocksPerPart"] = "1",
        };

        protected override async Task SeedAsync()
        {
            await TestData.AddServiceAsync(this, ServiceType.Discovery, Discovery, authenticationRequired: true);
            await this.AddCollectionAsync(Collection, CollectionType.DataFeed, servicePaths: [TaxiiData.Inbox, TaxiiData.Poll, Management]);
            // not behind the inbox: a TAXII 1.0 inbox message goes to every collection there the caller may write
            await this.AddCollectionAsync("elsewhere", CollectionType.DataFeed, servicePaths: [TaxiiData.Poll, Management]);
            await CreateUserAsync("admin", Password, admin: true);
            await TestData.GrantAsync(this, await CreateUserAsync("reader", Password), read: true, write: false, Collection);
            await TestData.GrantAsync(this, await CreateUserAsync("writer", Password), read: false, write: true, Collection);
            await TestData.GrantAsync(this, await CreateUserAsync("outsider", Password), read: true, write: true, "elsewhere");
            // one at a time: blocks stored together share a timestamp label, and a part never splits a label
            await TestData.AddBlocksAsync(this, Collection, TaxiiData.Stix12, "<a/>");
            await TestData.AddBlocksAsync(this, Collection, TaxiiData.Stix12, "<b/>");
        }
    }

    /// <summary>The callers; "wrong password" is the rightful reader and writer with a wrong password.</summary>
    private static readonly string[] Callers = ["anonymous", "wrong password", "without the right", "outside the group", "admin", "member"];

    [Theory]
    [InlineData(TaxiiVersion.V11)]
    [InlineData(TaxiiVersion.V10)]
    public async Task Only_administrators_and_rightful_members_get_through(TaxiiVersion version)
    {
        var v11 = version == TaxiiVersion.V11;
        var actual = new Dictionary<string, string>();
        foreach (var caller in Callers)
        {
            // reading services: the member is the reader, and the writer lacks the right; the inbox the other way round
            var reading = Client(version, caller, "reader", "writer");
            var writing = Client(version, caller, "writer", "reader");
            actual[$"discovery, {caller}"] = await OutcomeAsync(async () =>
                (await reading.DiscoverAsync(app.Address(Discovery), Ct)).ServiceInstances.Count > 0 ? Ok : "empty");
            actual[$"collection information, {caller}"] = await OutcomeAsync(async () =>
                (await reading.GetCollectionInformationAsync(app.Address(Management), Ct)).Collections.Any(c => c.Name == Collection) ? Ok : "not listed");
            actual[$"subscription management, {caller}"] = await OutcomeAsync(async () =>
                (await reading.ManageSubscriptionAsync(app.Address(Management), v11
                    ? Subscriptions.Subscribe(Collection)
                    : new SubscriptionManagementRequest(MessageIds.New(), SubscriptionAction.Subscribe, Collection), Ct)).Subscriptions.Count == 1 ? Ok : "none");
            actual[$"poll, {caller}"] = await OutcomeAsync(async () =>
                (await reading.PollAsync(app.Address(TaxiiData.Poll), TaxiiData.PollOf(Collection), Ct)).ContentBlocks.Count > 0 ? Ok : "empty");
            actual[$"inbox, {caller}"] = await OutcomeAsync(async () =>
                (await writing.InboxAsync(app.Address(TaxiiData.Inbox), TaxiiData.Message([TaxiiData.XmlBlock("<c/>")], v11 ? [Collection] : []), Ct)).Status == StatusType.Success ? Ok : "not success");
            if (v11)
            {
                actual[$"poll fulfillment, {caller}"] = await OutcomeAsync(async () =>
                    (await reading.FulfillPollAsync(app.Address(TaxiiData.Poll), new PollFulfillmentRequest(MessageIds.New(), Collection, await ResultIdAsync(caller)) { ResultPartNumber = 2 }, Ct))
                        .ContentBlocks.Count > 0 ? Ok : "empty");
            }
        }

        var expected = new Dictionary<string, string>();
        foreach (var caller in Callers)
        {
            var authenticated = caller is not ("anonymous" or "wrong password");
            var allowed = caller is "admin" or "member";
            string Refused(string forbidden) => !authenticated ? "UNAUTHORIZED" : allowed ? Ok : forbidden;
            // discovery names services, not collections: every authenticated user may use it
            expected[$"discovery, {caller}"] = authenticated ? Ok : "UNAUTHORIZED";
            expected[$"collection information, {caller}"] = Refused("not listed");
            expected[$"subscription management, {caller}"] = Refused("NOT_FOUND");
            expected[$"poll, {caller}"] = Refused("NOT_FOUND");
            // 1.1 names the destination: one the caller may read but not write is UNAUTHORIZED (not enough rights), one it
            // may not even read is unknown; 1.0 cannot name it, and a caller who may write nowhere is UNAUTHORIZED
            expected[$"inbox, {caller}"] = Refused(!v11 || caller == "without the right" ? "UNAUTHORIZED" : "NOT_FOUND");
            if (v11)
            {
                expected[$"poll fulfillment, {caller}"] = Refused("NOT_FOUND");
            }
        }

        actual.Should().Equal(expected);
    }

    private TaxiiClient Client(TaxiiVersion version, string caller, string member, string withoutRight) => caller switch
    {
        "anonymous" => app.CreateTaxiiClient(version),
        "wrong password" => app.CreateTaxiiClient(version, member, "not the " + Password),
        "without the right" => app.CreateTaxiiClient(version, withoutRight, Password),
        "outside the group" => app.CreateTaxiiClient(version, "outsider", Password),
        "admin" => app.CreateTaxiiClient(version, "admin", Password),
        _ => app.CreateTaxiiClient(version, member, Password),
    };

    /// <summary>
    /// A multi-part result to ask part 2 of: the caller's own when it may poll (results belong to who polled, an
    /// administrator included), otherwise the rightful member's.
    /// </summary>
    private async Task<string> ResultIdAsync(string caller)
    {
        var owner = caller is "admin" ? "admin" : "reader";
        var first = await app.CreateTaxiiClient(TaxiiVersion.V11, owner, Password).PollAsync(app.Address(TaxiiData.Poll), TaxiiData.PollOf(Collection), Ct);
        first.Header.More.Should().BeTrue("two blocks at one block per part");
        return first.Header.ResultId!;
    }

    private static async Task<string> OutcomeAsync(Func<Task<string>> exchange)
    {
        try
        {
            return await exchange();
        }
        catch (TaxiiStatusException e)
        {
            return e.Status.Value;
        }
    }
}
