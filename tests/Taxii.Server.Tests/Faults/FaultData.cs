using System.Text;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Taxii.Core.Feeds;
using Taxii.Feeds.Ingestion;
using Taxii.Persistence;
using Taxii.Testing;

namespace Taxii.Server.Tests.Faults;

/// <summary>Datasets, outgoing feeds and what they published, for the fault tests, written through a host's database.</summary>
internal static class FaultData
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A dataset holding <paramref name="values"/> as plain-text observables (one ingested package); returns its id.</summary>
    public static async Task<int> AddDatasetWithValuesAsync(this TaxiiAppFactory app, string name, IReadOnlyList<string> values)
    {
        var dataset = await app.AddDatasetAsync(name);
        await using var scope = app.Services.CreateAsyncScope();
        var content = Encoding.UTF8.GetBytes(string.Join('\n', values));
        var result = await scope.ServiceProvider.GetRequiredService<IngestionPipeline>().IngestAsync(new IngestionTarget(dataset, FeedContentType.PlainText),
            new IncomingPackage("seed", null, content.Length, _ => Task.FromResult<Stream>(new MemoryStream(content))), Ct);
        result.Outcome.Should().Be(PackageOutcome.Stored, result.Reason);
        return dataset;
    }

    public static async Task<int> AddOutgoingFeedAsync(this TaxiiAppFactory app, OutgoingFeed feed, params int[] datasetIds)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        feed.Datasets = await db.Datasets.Where(d => datasetIds.Contains(d.Id)).ToListAsync(Ct);
        feed.CreatedAt = feed.UpdatedAt = DateTimeOffset.UtcNow;
        db.OutgoingFeeds.Add(feed);
        await db.SaveChangesAsync(Ct);
        return feed.Id;
    }

    /// <summary>The feed's runs, oldest first.</summary>
    public static async Task<List<OutgoingFeedRun>> GetOutgoingRunsAsync(this TaxiiAppFactory app, int feedId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        return await db.OutgoingFeedRuns.AsNoTracking().Where(r => r.FeedId == feedId).OrderBy(r => r.Id).ToListAsync(Ct);
    }

    /// <summary>Runs SQL on the host's database (outside the host), returning the affected row count.</summary>
    public static async Task<int> ExecuteSqlAsync(this TaxiiAppFactory app, string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync(Ct);
    }

    public static async Task<object?> ExecuteScalarAsync(this TaxiiAppFactory app, string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(Ct);
    }

    /// <summary>The plain-text values in the files, one per line, comment lines left out.</summary>
    public static List<string> PlainTextValues(IEnumerable<string> files) =>
        [.. files.SelectMany(File.ReadAllLines).Where(l => l.Length > 0 && !l.StartsWith('#'))];

    /// <summary>Polls <paramref name="condition"/> every 100 ms until true; fails the test after <paramref name="seconds"/>.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, int seconds, string what, Func<string>? state = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {what} within {seconds} s. {state?.Invoke()}");
            }

            await Task.Delay(100, Ct);
        }
    }
}
