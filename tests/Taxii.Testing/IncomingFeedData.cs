using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Datasets;
using Taxii.Core.Feeds;
using Taxii.Core.Security;
using Taxii.Feeds.Ingestion;
using Taxii.Persistence;
using Xunit;

namespace Taxii.Testing;

/// <summary>Datasets, incoming feeds and their runs, written and read straight through a test host's database.</summary>
public static class IncomingFeedData
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<int> AddDatasetAsync(this TaxiiAppFactory app, string name, params int[] groupIds)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var dataset = new Dataset
        {
            Name = name,
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
            Access = [.. groupIds.Select(g => new DatasetAccess { GroupId = g })],
        };
        db.Datasets.Add(dataset);
        await db.SaveChangesAsync(Ct);
        return dataset.Id;
    }

    /// <summary>A new group holding the given users; returns its id.</summary>
    public static async Task<int> AddGroupAsync(this TaxiiAppFactory app, string name, params int[] userIds)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var group = new Group { Name = name, CreatedAt = DateTimeOffset.UtcNow };
        group.Memberships.AddRange(userIds.Select(u => new GroupMembership { UserId = u }));
        db.Groups.Add(group);
        await db.SaveChangesAsync(Ct);
        return group.Id;
    }

    /// <summary>Saves <paramref name="feed"/> (its <see cref="IncomingFeed.Groups"/> given as ids) and returns its id.</summary>
    public static async Task<int> AddIncomingFeedAsync(this TaxiiAppFactory app, IncomingFeed feed, params int[] groupIds)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        feed.Groups = await db.Groups.Where(g => groupIds.Contains(g.Id)).ToListAsync(Ct);
        feed.CreatedAt = feed.UpdatedAt = DateTimeOffset.UtcNow;
        db.IncomingFeeds.Add(feed);
        await db.SaveChangesAsync(Ct);
        return feed.Id;
    }

    /// <summary>Queues a manual run and carries it out here (not on the job server); returns the run as recorded.</summary>
    public static async Task<IncomingFeedRun> RunIncomingFeedAsync(this TaxiiAppFactory app, int feedId)
    {
        long runId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var run = await scope.ServiceProvider.GetRequiredService<IncomingFeedRunQueue>().QueueAsync(feedId, FeedRunTrigger.Manual, enqueue: false, Ct)
                ?? throw new InvalidOperationException($"feed {feedId} already has an active run");
            runId = run.Id;
            await scope.ServiceProvider.GetRequiredService<IncomingFeedRunner>().RunAsync(runId, Ct);
        }

        return await app.GetIncomingRunAsync(runId);
    }

    public static async Task<IncomingFeedRun> GetIncomingRunAsync(this TaxiiAppFactory app, long runId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        return await db.IncomingFeedRuns.AsNoTracking().Include(r => r.Errors.OrderBy(e => e.Id)).SingleAsync(r => r.Id == runId, Ct);
    }

    /// <summary>The feed's runs, oldest first.</summary>
    public static async Task<List<IncomingFeedRun>> GetIncomingRunsAsync(this TaxiiAppFactory app, int feedId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        return await db.IncomingFeedRuns.AsNoTracking().Include(r => r.Errors.OrderBy(e => e.Id)).Where(r => r.FeedId == feedId).OrderBy(r => r.Id).ToListAsync(Ct);
    }

    public static async Task<IncomingFeed> GetIncomingFeedAsync(this TaxiiAppFactory app, int feedId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        return await db.IncomingFeeds.AsNoTracking().SingleAsync(f => f.Id == feedId, Ct);
    }

    /// <summary>Records a package as already stored in the dataset, as an earlier ingest would have.</summary>
    public static async Task AddIngestedPackageAsync(this TaxiiAppFactory app, int datasetId, byte[] content)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        db.IngestedPackages.Add(new IngestedPackage
        {
            DatasetId = datasetId,
            Sha256 = System.Security.Cryptography.SHA256.HashData(content),
            Size = content.LongLength,
            Source = "an earlier ingest",
            IngestedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>The observable values stored in the dataset, in any order.</summary>
    public static async Task<List<string>> ObservableValuesAsync(this TaxiiAppFactory app, int datasetId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        return await db.Entities.AsNoTracking().Where(e => e.DatasetId == datasetId)
            .SelectMany(e => e.Observables.Select(o => o.Value)).ToListAsync(Ct);
    }
}
