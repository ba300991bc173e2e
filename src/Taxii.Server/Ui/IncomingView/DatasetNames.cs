using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Taxii.Persistence;
using Taxii.Server.Admin;

namespace Taxii.Server.Ui.IncomingView;

/// <summary>The names of the datasets the user sees among some ids (to show a feed's target by name).</summary>
internal static class DatasetNames
{
    /// <summary>What stands before the id of a dataset the user does not see.</summary>
    public const string Unseen = "dataset ";

    public static async Task<IReadOnlyDictionary<int, string>> OfAsync(TaxiiDbContext db, ClaimsPrincipal user, IEnumerable<int> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        return await DataAccess.VisibleDatasets(db, user).AsNoTracking().Where(d => wanted.Contains(d.Id))
            .ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
    }

    public static string Name(IReadOnlyDictionary<int, string> names, int id) =>
        names.TryGetValue(id, out var name) ? name : Unseen + id.ToString(CultureInfo.InvariantCulture);
}
