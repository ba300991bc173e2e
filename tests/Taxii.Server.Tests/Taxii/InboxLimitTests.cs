using FluentAssertions;
using Taxii.Core.Security;
using Taxii.Protocol.Client;
using Taxii.Protocol.Messages;
using Taxii.Testing;
using static Taxii.Server.Tests.Taxii.TaxiiData;

namespace Taxii.Server.Tests.Taxii;

public sealed class InboxLimitTests(InboxLimitTests.Factory app) : IClassFixture<InboxLimitTests.Factory>
{
    private const string Password = "limits password";
    private const int MaxBlob = 4096;

    public sealed class Factory : TaxiiAppFactory
    {
        public User Writer { get; private set; } = null!;

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Taxii:Limits:MaxBlobSize"] = MaxBlob.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        protected override async Task SeedAsync() => Writer = await CreateUserAsync("writer", Password, admin: true);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_block_over_MaxBlobSize_is_refused_and_nothing_of_the_message_is_stored()
    {
        var collection = await app.AddCollectionAsync("limited");
        var big = TextBlock(new string('x', MaxBlob + 1));

        var send = () => Client().InboxAsync(app.Address(Inbox), Message([TextBlock("small"), big], collection.Name), Ct);

        var refusal = (await send.Should().ThrowAsync<TaxiiStatusException>()).Which;
        refusal.Status.Should().Be(StatusType.Denied);
        refusal.PeerMessage.Should().Contain(MaxBlob.ToString(System.Globalization.CultureInfo.InvariantCulture));
        (await app.CountBlocksAsync(collection)).Should().Be(0);
    }

    [Fact]
    public async Task A_message_over_the_body_limit_is_refused_before_it_is_read_and_nothing_is_stored()
    {
        var collection = await app.AddCollectionAsync("limited-body");
        var blocks = Enumerable.Range(0, 300).Select(_ => TextBlock(new string('y', MaxBlob))).ToList();

        var send = () => Client().InboxAsync(app.Address(Inbox), Message(blocks, collection.Name), Ct);

        var refusal = (await send.Should().ThrowAsync<TaxiiStatusException>()).Which;
        refusal.Status.Should().Be(StatusType.BadMessage);
        refusal.HttpStatusCode.Should().Be(System.Net.HttpStatusCode.RequestEntityTooLarge);
        (await app.CountBlocksAsync(collection)).Should().Be(0);
    }

    [Fact]
    public async Task Long_text_content_spanning_many_reads_is_accepted()
    {
        // text nodes longer than the XML reader's buffer used to need a synchronous read of the request body
        var collection = await app.AddCollectionAsync("long-text");

        await Client().InboxAsync(app.Address(Inbox), Message([.. Enumerable.Range(0, 20).Select(_ => TextBlock(new string('t', MaxBlob)))], collection.Name), Ct);

        (await app.CountBlocksAsync(collection)).Should().Be(20);
    }

    [Fact]
    public async Task A_block_at_MaxBlobSize_is_accepted()
    {
        var collection = await app.AddCollectionAsync("at-limit");

        await Client().InboxAsync(app.Address(Inbox), Message([TextBlock(new string('z', MaxBlob))], collection.Name), Ct);

        (await app.CountBlocksAsync(collection)).Should().Be(1);
    }

    private TaxiiClient Client() => app.CreateTaxiiClient(TaxiiVersion.V11, app.Writer.Name, Password);
}
