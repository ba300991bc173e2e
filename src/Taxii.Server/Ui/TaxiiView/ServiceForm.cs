using Taxii.Core.Collections;
using Taxii.Server.Admin.Services;

namespace Taxii.Server.Ui.TaxiiView;

/// <summary>The edit form's fields: a <see cref="ServiceRequest"/> as HTML posts it.</summary>
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
}
