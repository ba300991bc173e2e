using FluentAssertions;
using Npgsql;

namespace Taxii.Persistence.Tests;

/// <summary>
/// Which failures count as the database being unavailable, and which of them renew the pooled connections.
/// </summary>
[Collection(ConnectionPoolCollection.Name)]
public sealed class DatabaseOutageTests : OwnDatabase
{
    [Fact]
    public async Task A_lost_connection_renews_the_pooled_connections_and_a_timeout_does_not()
    {
        var first = await BackendAsync();
        (await BackendAsync()).Should().Be(first, "an idle pooled connection is reused");

        DatabaseOutage.Observe(new NpgsqlException("timed out", new TimeoutException())).Should().BeTrue("a timeout is transient");
        (await BackendAsync()).Should().Be(first, "a timeout under load says nothing about the connections");

        DatabaseOutage.Observe(new InvalidOperationException("wrapped", new NpgsqlException("read failed", new IOException("reset by peer"))))
            .Should().BeTrue();
        (await BackendAsync()).Should().NotBe(first, "a lost connection may mean they all died with the server");
    }

    [Fact]
    public void Other_failures_are_not_an_outage()
    {
        DatabaseOutage.Observe(new InvalidOperationException("a bug")).Should().BeFalse();
        DatabaseOutage.Observe(new NpgsqlException("not transient")).Should().BeFalse();
        DatabaseOutage.Observe(null).Should().BeFalse();
    }

    // the server process behind the pooled connection this string gets next
    private async Task<int> BackendAsync()
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection.ProcessID;
    }
}
