using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.ModelBinding;
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

    public string Path { get; set; } = string.Empty;

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
        Type, Path, string.IsNullOrWhiteSpace(Description) ? null : Description, Available, AuthenticationRequired,
        DestinationCollectionRequired, [.. CollectionIds.Concat(hiddenCollectionIds).Distinct().Order()], AdvertiseDefaultQuery);

    /// <summary>The form field an API error names (<c>path</c> → <c>Input.Path</c>), so the message shows beside its input.</summary>
    public static string FieldOf(string apiField) =>
        "Input." + char.ToUpperInvariant(apiField[0]) + apiField[1..].Split('.')[0];

    /// <summary>Puts a refused change's messages beside their fields (a conflict is about the path).</summary>
    public static void AddErrors(ModelStateDictionary modelState, ServiceChange change)
    {
        if (change is { Invalid: { } validation })
        {
            foreach (var (field, messages) in validation.Errors)
            {
                messages.ForEach(m => modelState.AddModelError(FieldOf(field), m));
            }
        }
        else if (change is { Conflict: { } conflict })
        {
            modelState.AddModelError(FieldOf("path"), conflict);
        }
    }

    /// <summary>The collections <paramref name="user"/> may see, by name: the form's choices.</summary>
    public static async Task<IReadOnlyList<(int Id, string Name)>> ChoicesAsync(TaxiiDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        (await DataAccess.VisibleCollections(db, user).AsNoTracking().OrderBy(c => c.Name).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken)).Select(c => (c.Id, c.Name)).ToList();
}
