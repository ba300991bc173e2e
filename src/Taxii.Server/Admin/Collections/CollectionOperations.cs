using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Collections;
using Taxii.Persistence;
using Taxii.Server.Taxii;

namespace Taxii.Server.Admin.Collections;

/// <summary>
/// Reading, checking, creating, changing and deleting a TAXII collection: the rules behind both <c>/api/v1/collections</c>
/// and the web UI's collection pages, so that both refuse the same requests with the same messages and record the same
/// audit entries. A user sees and changes only the collections shared with its groups. A change drops the service
/// directory's cache.
/// </summary>
internal sealed class CollectionOperations(TaxiiDbContext db, ServiceDirectory directory, TimeProvider time)
{
    public static IQueryable<Collection> Visible(TaxiiDbContext db, ClaimsPrincipal caller) => DataAccess.VisibleCollections(db, caller);

    /// <summary>The collections whose name contains <paramref name="name"/> (case-sensitive); all when it is empty.</summary>
    public static IQueryable<Collection> Named(IQueryable<Collection> collections, string? name) =>
        string.IsNullOrEmpty(name) ? collections : collections.Where(c => c.Name.Contains(name));

    public static Task<CollectionDto?> FindAsync(TaxiiDbContext db, ClaimsPrincipal caller, int id, CancellationToken cancellationToken) =>
        Visible(db, caller).AsNoTracking().Where(c => c.Id == id).Select(CollectionDto.Projection).SingleOrDefaultAsync(cancellationToken);

    /// <summary>A new collection; its <see cref="CollectionChange.Collection"/> carries the id it was given.</summary>
    public async Task<CollectionChange> CreateAsync(CollectionRequest body, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var validation = await ValidateAsync(body, caller, db, cancellationToken);
        if (!validation.IsValid)
        {
            return new CollectionChange(null, validation, null);
        }

        var now = time.GetUtcNow();
        var collection = new Collection { Name = body.Name.Trim(), CreatedAt = now };
        await ApplyAsync(collection, body, db, now, cancellationToken);
        db.Collections.Add(collection);
        if (!await AuditLog.SaveNewAsync(db, caller, time, () => $"collections/{collection.Id}", Describe(body), cancellationToken))
        {
            return new CollectionChange(null, null, Conflict(collection.Name));
        }

        directory.Invalidate();
        return new CollectionChange(await FindAsync(db, caller, collection.Id, cancellationToken), null, null);
    }

    public async Task<CollectionChange> UpdateAsync(int id, CollectionRequest body, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var collection = await Visible(db, caller).Include(c => c.Access).Include(c => c.SourceDatasets)
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (collection is null)
        {
            return CollectionChange.NotFound;
        }

        var validation = await ValidateAsync(body, caller, db, cancellationToken);
        if (!validation.IsValid)
        {
            return new CollectionChange(null, validation, null);
        }

        collection.Name = body.Name.Trim();
        await ApplyAsync(collection, body, db, time.GetUtcNow(), cancellationToken);
        if (!await AuditLog.SaveChangeAsync(db, caller, time, "update", $"collections/{id}", Describe(body), cancellationToken))
        {
            return new CollectionChange(null, null, Conflict(collection.Name));
        }

        directory.Invalidate();
        return new CollectionChange(await FindAsync(db, caller, id, cancellationToken), null, null);
    }

    /// <summary>False when there is no such collection the caller may see.</summary>
    public async Task<bool> DeleteAsync(int id, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var collection = await Visible(db, caller).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (collection is null)
        {
            return false;
        }

        db.Collections.Remove(collection);
        AuditLog.Record(db, caller, time, "delete", $"collections/{id}", $"name={collection.Name}");
        await db.SaveChangesAsync(cancellationToken);
        directory.Invalidate();
        return true;
    }

    private static string Conflict(string name) => $"A collection named '{name}' already exists.";

    public static async Task<Validation> ValidateAsync(CollectionRequest body, ClaimsPrincipal caller, TaxiiDbContext db, CancellationToken cancellationToken)
    {
        var validation = new Validation().Require("name", body.Name, 2048).MaxLength("description", body.Description, 4000)
            .Check(body.Name is null || Uri.IsWellFormedUriString(body.Name.Trim(), UriKind.RelativeOrAbsolute), "name", "a collection name is an xs:anyURI");
        foreach (var binding in body.ContentBindings ?? [])
        {
            validation.Check(!string.IsNullOrWhiteSpace(binding) && binding.Length <= 2048, "contentBindings", "each content binding is a non-empty URI");
        }

        var datasetIds = body.SourceDatasetIds ?? [];
        var visible = await DataAccess.VisibleDatasets(db, caller).Where(d => datasetIds.Contains(d.Id)).Select(d => d.Id).ToListAsync(cancellationToken);
        foreach (var missing in datasetIds.Except(visible))
        {
            validation.Add("sourceDatasetIds", $"dataset {missing} does not exist");
        }

        await DataAccess.CheckGroupsAsync(validation, db, caller, [.. (body.Groups ?? []).Select(g => g.GroupId)], cancellationToken);
        return validation;
    }

    private static async Task ApplyAsync(Collection collection, CollectionRequest body, TaxiiDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var datasetIds = body.SourceDatasetIds ?? [];
        collection.Description = body.Description;
        collection.Type = body.Type;
        collection.Enabled = body.Enabled;
        collection.ContentBindings = [.. (body.ContentBindings ?? []).Select(b => b.Trim()).Distinct()];
        collection.SourceDatasets = await db.Datasets.Where(d => datasetIds.Contains(d.Id)).ToListAsync(cancellationToken);
        var wanted = (body.Groups ?? []).GroupBy(g => g.GroupId)
            .ToDictionary(g => g.Key, g => (Read: g.Any(x => x.CanRead), Write: g.Any(x => x.CanWrite)));
        // rows are updated in place: removing and re-adding the same (collection, group) key would clash in the change tracker
        collection.Access.RemoveAll(a => !wanted.ContainsKey(a.GroupId));
        foreach (var (groupId, (read, write)) in wanted)
        {
            var access = collection.Access.FirstOrDefault(a => a.GroupId == groupId);
            if (access is null)
            {
                collection.Access.Add(access = new CollectionAccess { GroupId = groupId });
            }

            access.CanRead = read;
            access.CanWrite = write;
        }

        collection.UpdatedAt = now;
    }

    public static string Describe(CollectionRequest body) =>
        $"name={body.Name}; type={body.Type}; enabled={body.Enabled}; bindings={string.Join(",", body.ContentBindings ?? [])}; "
        + $"datasets={string.Join(",", body.SourceDatasetIds ?? [])}; groups={string.Join(",", (body.Groups ?? []).Select(g => $"{g.GroupId}:{(g.CanRead ? "r" : "")}{(g.CanWrite ? "w" : "")}"))}";
}
