using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using Npgsql;
using Taxii.Persistence.Stores;

namespace Taxii.Persistence.Tests.Stores;

/// <summary>What a group's callers are told when the database cannot be reached: its error, each once.</summary>
public sealed class GroupedAppendsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_group_that_cannot_reach_the_database_fails_every_caller_without_a_connection_each()
    {
        // a "database" that takes connections and closes them: the first it holds until the others have queued
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var connections = 0;
        var firstHeld = new TaskCompletionSource();
        var releaseFirst = new TaskCompletionSource();
        var serving = Task.Run(async () =>
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync(Ct);
                if (Interlocked.Increment(ref connections) == 1)
                {
                    firstHeld.SetResult();
                    await releaseFirst.Task;
                }
            }
        }, Ct);
        var appends = new GroupedAppends($"Host=127.0.0.1;Port={port};Username=u;Password=p;Database=d;SSL Mode=Disable;Pooling=false;Timeout=10");
        NewContentBlock Block(string text) => new(1, System.Text.Encoding.UTF8.GetBytes(text), "urn:x", null, null, false);

        var first = appends.AppendAsync([Block("first")], Ct);
        await firstHeld.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        var rest = Enumerable.Range(0, 20).Select(i => appends.AppendAsync([Block($"{i}")], Ct)).ToList();
        releaseFirst.SetResult();

        foreach (var append in rest.Prepend(first))
        {
            await append.Invoking(a => a).Should().ThrowAsync<NpgsqlException>();
        }

        // an attempt for the first caller and one for the group of twenty (Npgsql may open twice per attempt); writing
        // each of the twenty alone afterwards would add twenty attempts more
        Volatile.Read(ref connections).Should().BeLessThan(10);
        listener.Stop();
        await serving.Invoking(s => s).Should().ThrowAsync<Exception>();
    }
}
