using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Protocol.Messages;
using Taxii.Server.Admin;
using Taxii.Server.Admin.Services;
using Taxii.Server.Ui.TaxiiView;

namespace Taxii.Server.Ui.Pages.Settings.Services;

/// <summary>
/// A service's settings view: its configuration (the REST API's <see cref="ServiceDto"/>), the collections it serves
/// that the user may see, and the discovery entry a client is given for it.
/// </summary>
[Authorize(Policy = Permissions.ReadTaxiiServices)]
internal sealed class ServiceModel(TaxiiDbContext db, UiNavigation navigation) : PageModel
{
    public ServiceDto Service { get; private set; } = null!;

    public IReadOnlyList<CollectionSummary> Collections { get; private set; } = [];

    /// <summary>Collections it serves that are not shared with one of the user's groups.</summary>
    public int HiddenCollections { get; private set; }

    public IReadOnlyList<(TaxiiVersion Version, string Xml)> Discovery { get; private set; } = [];

    public bool MayModify { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await ServiceOperations.FindAsync(db, id, cancellationToken) is not { } service)
        {
            return NotFound();
        }

        Service = service;
        Collections = await DataAccess.VisibleCollections(db, User).AsNoTracking()
            .Where(c => service.CollectionIds.Contains(c.Id)).OrderBy(c => c.Id)
            .Select(c => new CollectionSummary(c.Id, c.Name, c.Type.ToString(), c.Enabled, c.ContentBindings.Count))
            .ToListAsync(cancellationToken);
        HiddenCollections = service.CollectionIds.Count - Collections.Count;
        var discovery = new List<(TaxiiVersion, string)>();
        foreach (var version in Enum.GetValues<TaxiiVersion>().Reverse())
        {
            discovery.Add((version, await DiscoveryPreview.XmlAsync(db, id, version, Request, cancellationToken) ?? string.Empty));
        }

        Discovery = discovery;
        MayModify = await navigation.MayAsync(User, Permissions.ModifyTaxiiServices);
        return Page();
    }

    public sealed record CollectionSummary(int Id, string Name, string Type, bool Enabled, int ContentBindings);
}
