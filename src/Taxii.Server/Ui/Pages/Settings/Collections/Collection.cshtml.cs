using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin;
using Taxii.Server.Admin.Collections;

namespace Taxii.Server.Ui.Pages.Settings.Collections;

/// <summary>A collection's settings (the REST API's <see cref="CollectionDto"/>, with names for its ids) and the services serving it.</summary>
[Authorize(Policy = Permissions.ReadTaxiiServices)]
internal sealed class CollectionModel(TaxiiDbContext db, UiNavigation navigation) : PageModel
{
    public CollectionDto Collection { get; private set; } = null!;

    /// <summary>Names of its source datasets that the user may see.</summary>
    public IReadOnlyList<string> Datasets { get; private set; } = [];

    public IReadOnlyList<(string Name, bool Read, bool Write)> Groups { get; private set; } = [];

    public IReadOnlyList<(int Id, string Path)> Services { get; private set; } = [];

    public bool MayModify { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await CollectionOperations.FindAsync(db, User, id, cancellationToken) is not { } collection)
        {
            return NotFound();
        }

        Collection = collection;
        Datasets = await DataAccess.VisibleDatasets(db, User).Where(d => collection.SourceDatasetIds.Contains(d.Id))
            .OrderBy(d => d.Name).Select(d => d.Name).ToListAsync(cancellationToken);
        var names = await db.Groups.Where(g => collection.Groups.Select(x => x.GroupId).Contains(g.Id))
            .ToDictionaryAsync(g => g.Id, g => g.Name, cancellationToken);
        Groups = [.. collection.Groups.Select(g => (names.GetValueOrDefault(g.GroupId, $"group {g.GroupId}"), g.CanRead, g.CanWrite))];
        Services = (await db.Services.AsNoTracking().Where(s => collection.ServiceIds.Contains(s.Id)).OrderBy(s => s.Path)
            .Select(s => new { s.Id, s.Path }).ToListAsync(cancellationToken)).Select(s => (s.Id, s.Path)).ToList();
        MayModify = await navigation.MayAsync(User, Permissions.ModifyTaxiiServices);
        return Page();
    }
}
