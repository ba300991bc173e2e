using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Collections;
using Taxii.Persistence;
using Taxii.Server.Admin;
using Taxii.Server.Admin.Services;

namespace Taxii.Server.Ui.TaxiiView;

/// <summary>The create and edit forms' fields: a <see cref="ServiceRequest"/> as HTML posts it.</summary>
internal sealed class ServiceForm
{
    public ServiceType Type { get; set; }

    // nullable: an empty path binds as null, and the API's own message ("path is required") shows, not MVC's implicit one
    public string? Path { get; set; }

    public string? Description { get; set; }

    public bool Available { get; set; }

    public bool AuthenticationRequired { get; set; }

    public bool DestinationCollectionRequired { get; set; }

    public bool AdvertiseDefaultQuery { get; set; }

    public List<int> CollectionIds { get; set; } = [];

    /// <summary>A new service's form: the REST API's defaults (an unticked checkbox posts nothing, so the bound defaults are false).</summary>
    public static ServiceForm New() => new() { Type = ServiceType.Poll, Available = true, AuthenticationRequired = true };

    public static ServiceForm From(ServiceDto s) => new()
    {
        Type = s.Type,
        Path = s.Path,
        Description = s.Description,
        Available = s.Available,
        AuthenticationRequired = s.AuthenticationRequired,
        DestinationCollectionRequired = s.DestinationCollectionRequired,
        AdvertiseDefaultQuery = s.AdvertiseDefaultQuery,
        CollectionIds = [.. s.CollectionIds],
    };

    /// <summary>The request the REST API would take; <paramref name="hiddenCollectionIds"/> (not shown to the user) stay served.</summary>
    public ServiceRequest ToRequest(IEnumerable<int> hiddenCollectionIds) => new(
        Type, Path ?? string.Empty, string.IsNullOrWhiteSpace(Description) ? null : Description, Available, AuthenticationRequired,
        DestinationCollectionRequired, [.. CollectionIds.Concat(hiddenCollectionIds).Distinct().Order()], AdvertiseDefaultQuery);

    /// <summary>The collections <paramref name="user"/> may see, by name: the form's choices.</summary>
    public static async Task<IReadOnlyList<(int Id, string Name)>> ChoicesAsync(TaxiiDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        (await DataAccess.VisibleCollections(db, user).AsNoTracking().OrderBy(c => c.Name).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken)).Select(c => (c.Id, c.Name)).ToList();
}
