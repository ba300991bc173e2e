using Taxii.Server.Tests.Admin;
using Taxii.Testing;

namespace Taxii.Server.Tests.Feeds;

/// <summary>
/// A host publishing outgoing feeds to a real server a test fixture started on loopback: an administrator to drive
/// the API, and network retries short enough that a test of a server that is down ends quickly (two attempts).
/// </summary>
public sealed class TransportPublisher : TaxiiAppFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Taxii:OutgoingFeeds:PushAttempts"] = "2",
        ["Taxii:OutgoingFeeds:PushRetryDelay"] = "00:00:00.2",
        ["Taxii:OutgoingFeeds:PushTimeout"] = "00:00:20",
    };

    /// <summary>The administrator's API client.</summary>
    internal FeedApi Admin => new(CreateClient(AdminApiFactory.AdminName, AdminApiFactory.Password));

    protected override Task SeedAsync() => CreateUserAsync(AdminApiFactory.AdminName, AdminApiFactory.Password, admin: true);
}
