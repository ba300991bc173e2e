using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Collections;
using Taxii.Feeds.Jobs;
using Taxii.Feeds.Subscriptions;
using Taxii.Persistence;
using Taxii.Protocol.Client;
using Taxii.Protocol.Messages;
using Taxii.Testing;
using static Taxii.Server.Tests.Taxii.Subscriptions;
using CollectionType = Taxii.Core.Collections.CollectionType;

namespace Taxii.Server.Tests.Taxii;

/// <summary>
/// A reader cannot make the server push into its own network (server-side request forgery): push addresses on
/// loopback, private, link-local (cloud metadata) and other non-public networks are refused when subscribing, and a
/// push that would connect to one is refused when it connects, unless an administrator allows that network.
/// </summary>
public sealed class PushDestinationTests(PushDestinationTests.Factory app) : IClassFixture<PushDestinationTests.Factory>
{
    private const string Password = "push destination password";

    public sealed class Factory : TaxiiAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Taxii:Jobs:RunServer"] = "false" };

        protected override async Task SeedAsync()
        {
            var reader = await CreateUserAsync("reader", Password);
            await TestData.AddCollectionAsync(this, "pushed", CollectionType.DataFeed, [], Cm, "/taxii-poll-service/");
            await TestData.GrantAsync(this, reader, read: true, write: false, "pushed");
        }
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/inbox/")]
    [InlineData("http://localhost/inbox/")]
    [InlineData("http://[::1]/inbox/")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.1.2.3/inbox/")]
    [InlineData("http://192.168.0.10/inbox/")]
    [InlineData("http://[::ffff:127.0.0.1]/inbox/")]
    [InlineData("http://0.0.0.0/inbox/")]
    public async Task A_push_address_in_a_non_public_network_is_denied_and_nothing_is_stored(string address)
    {
        var response = async () => await SubscribeAsync(address);

        var refused = (await response.Should().ThrowAsync<TaxiiStatusException>()).Which;
        refused.Status.Should().Be(StatusType.Denied);
        refused.PeerMessage.Should().Contain("does not push to");
        (await SubscriptionsToAsync(address)).Should().Be(0);
    }

    [Fact]
    public async Task A_push_that_would_connect_to_a_non_public_address_is_refused_without_connecting()
    {
        // a subscription to a public name, whose stored address now points at this machine (a row written before the
        // rule, or a name that resolves here): the rule applies to the address connected to
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var id = (await SubscribeAsync("https://subscriber.example/inbox/")).Subscriptions.Single().SubscriptionId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
            await db.Subscriptions.Where(s => s.Id == id).ExecuteUpdateAsync(u => u
                .SetProperty(s => s.PushAddress, $"http://127.0.0.1:{port}/inbox/")
                .SetProperty(s => s.PushProtocolBinding, ProtocolBindingIds.Http10), TestContext.Current.CancellationToken);
        }

        await TestData.AddBlocksAsync(app, "pushed", ContentBindingIds.Stix12, "<kept>kept</kept>");

        var push = async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SubscriptionDeliveryJob>().DeliverAsync(id, TestContext.Current.CancellationToken);
        };

        (await push.Should().ThrowAsync<SubscriptionDeliveryException>()).Which.Reason
            .Should().Contain("not an address this server pushes to").And.Contain("Taxii:Subscriptions:PushAllowedNetworks");
        listener.Pending().Should().BeFalse("the server never connected to the refused address");
    }

    [Fact]
    public void An_allowed_network_admits_its_addresses_and_public_addresses_need_no_allowance()
    {
        var rules = new PushDestinations(Microsoft.Extensions.Options.Options.Create(new SubscriptionOptions { PushAllowedNetworks = ["10.20.0.0/16"] }));

        rules.IsAllowed(IPAddress.Parse("10.20.30.40")).Should().BeTrue();
        rules.IsAllowed(IPAddress.Parse("10.21.0.1")).Should().BeFalse();
        rules.IsAllowed(IPAddress.Parse("192.0.2.1")).Should().BeFalse("documentation addresses are not public");
        rules.IsAllowed(IPAddress.Parse("8.8.8.8")).Should().BeTrue();
        rules.IsAllowed(IPAddress.Parse("2001:4860:4860::8888")).Should().BeTrue();
        rules.IsAllowed(IPAddress.Parse("fd00::1")).Should().BeFalse();
    }

    private Task<SubscriptionManagementResponse> SubscribeAsync(string address)
    {
        var binding = address.StartsWith("https", StringComparison.Ordinal) ? ProtocolBindingIds.Https10 : ProtocolBindingIds.Http10;
        var request = Subscribe("pushed", push: new PushParameters(binding, address, MessageBindingIds.Xml11));
        return app.CreateTaxiiClient(TaxiiVersion.V11, "reader", Password).ManageSubscriptionAsync(app.Address(Cm), request, TestContext.Current.CancellationToken);
    }

    private async Task<int> SubscriptionsToAsync(string address)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().Subscriptions.CountAsync(s => s.PushAddress == address, TestContext.Current.CancellationToken);
    }
}
