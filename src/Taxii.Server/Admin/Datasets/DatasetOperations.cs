using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Datasets;
using Taxii.Persistence;

namespace Taxii.Server.Admin.Datasets;

/// <summary>
/// Creating, changing and deleting a dataset: the rules behind both <c>/api/v1/datasets</c> and the web UI's dataset
/// pages, so that both refuse the same requests with the same messages and record the same audit entries. A caller
/// changes only the datasets shared with its groups (administrators all), and shares only with groups it may name.
/// </summary>
internal sealed class DatasetOperations(TaxiiDbContext db, TimeProvider time)
{
    /// <summary>A new dataset; its <see cref="DatasetChange.Dataset"/> carries the id it was given.</summary>
    public async Task<DatasetChange> CreateAsync(DatasetRequest body, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var groupIds = body.GroupIds ?? [];
        var validation = await ValidateAsync(body, caller, cancellationToken);
        if (!validation.IsValid)
        {
            return new(null, validation, null);
        }

        var now = time.GetUtcNow();
        var dataset = new Dataset
        {
            Name = body.Name.Trim(),
            Description = body.Description,
            CreatedAt = now,
            UpdatedAt = now,
            Access = [.. groupIds.Distinct().Select(g => new DatasetAccess { GroupId = g })],
        };
        db.Datasets.Add(dataset);
        if (!await AuditLog.SaveNewAsync(db, caller, time, () => $"datasets/{dataset.Id}", $"name={dataset.Name}; groups={string.Join(",", groupIds)}", cancellationToken))
        {
            return new(null, null, Conflict(dataset.Name));
        }

        return new(await DatasetEndpoints.Find(db, caller, dataset.Id, cancellationToken), null, null);
    }

    public async Task<DatasetChange> UpdateAsync(int id, DatasetRequest body, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var dataset = await DataAccess.VisibleDatasets(db, caller).Include(d => d.Access).SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (dataset is null)
        {
            return DatasetChange.NotFound;
        }

        var groupIds = body.GroupIds ?? [];
        var validation = await ValidateAsync(body, caller, cancellationToken);
        if (!validation.IsValid)
        {
            return new(null, validation, null);
        }

        dataset.Name = body.Name.Trim();
        dataset.Description = body.Description;
        dataset.UpdatedAt = time.GetUtcNow();
        dataset.Access.RemoveAll(a => !groupIds.Contains(a.GroupId));
        dataset.Access.AddRange(groupIds.Distinct().Where(g => dataset.Access.All(a => a.GroupId != g)).Select(g => new DatasetAccess { GroupId = g }));
        if (!await AuditLog.SaveChangeAsync(db, caller, time, "update", $"datasets/{id}", $"name={dataset.Name}; groups={string.Join(",", groupIds)}", cancellationToken))
        {
            return new(null, null, Conflict(dataset.Name));
        }

        return new(await DatasetEndpoints.Find(db, caller, id, cancellationToken), null, null);
    }

    /// <summary>False when there is no such dataset the caller may see.</summary>
    public async Task<bool> DeleteAsync(int id, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var dataset = await DataAccess.VisibleDatasets(db, caller).SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (dataset is null)
        {
            return false;
        }

        db.Datasets.Remove(dataset);
        AuditLog.Record(db, caller, time, "delete", $"datasets/{id}", $"name={dataset.Name}");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private async Task<Validation> ValidateAsync(DatasetRequest body, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var validation = new Validation().Require("name", body.Name, 200).MaxLength("description", body.Description, 4000);
        await DataAccess.CheckGroupsAsync(validation, db, caller, body.GroupIds ?? [], cancellationToken);
        return validation;
    }

    private static string Conflict(string name) => $"A dataset named '{name}' already exists.";
}
