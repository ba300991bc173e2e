using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Collections;
using Taxii.Persistence;
using Taxii.Server.Admin;
using Taxii.Server.Admin.Collections;

namespace Taxii.Server.Ui.CollectionsView;

/// <summary>
/// The collection create and edit forms' fields: a <see cref="CollectionRequest"/> as HTML posts it. Content bindings are
/// one per line; a group's rights are two checkbox lists (read, write), a group in neither has no access.
/// </summary>
internal sealed class CollectionForm
{
    // nullable: an empty name binds as null, and the API's own message shows, not MVC's implicit "required"
    public string? Name { get; set; }

    public string? Description { get; set; }

    public CollectionType Type { get; set; } = CollectionType.DataFeed;

    public bool Enabled { get; set; }

    public string? ContentBindings { get; set; }

    public List<int> SourceDatasetIds { get; set; } = [];

    public List<int> ReadGroupIds { get; set; } = [];

    public List<int> WriteGroupIds { get; set; } = [];

    /// <summary>A new collection's form: the REST API's defaults (an unticked checkbox posts nothing, so the bound default is false).</summary>
    public static CollectionForm New() => new() { Enabled = true };

    public static CollectionForm From(CollectionDto c) => new()
    {
        Name = c.Name,
        Description = c.Description,
        Type = c.Type,
        Enabled = c.Enabled,
        ContentBindings = string.Join("\n", c.ContentBindings),
        SourceDatasetIds = [.. c.SourceDatasetIds],
        ReadGroupIds = [.. c.Groups.Where(g => g.CanRead).Select(g => g.GroupId)],
        WriteGroupIds = [.. c.Groups.Where(g => g.CanWrite).Select(g => g.GroupId)],
    };

    /// <summary>The request the REST API would take.</summary>
    public CollectionRequest ToRequest() => new(
        Name ?? string.Empty,
        string.IsNullOrWhiteSpace(Description) ? null : Description,
        Type,
        Enabled,
        [.. (ContentBindings ?? string.Empty).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)],
        [.. SourceDatasetIds.Distinct().Order()],
        [.. ReadGroupIds.Union(WriteGroupIds).Order().Select(id => new CollectionGroupDto(id, ReadGroupIds.Contains(id), WriteGroupIds.Contains(id)))]);

    /// <summary>The form field an API error names (<c>groupIds</c> → the read rights' list), so the message shows beside its input.</summary>
    public static string FieldOf(string apiField) => apiField.Split('.')[0] switch
    {
        "groupIds" => "Input." + nameof(ReadGroupIds),
        var field => FormErrors.InputField(field),
    };
}

/// <summary>What the form offers: the datasets the user may see, and the groups it may share with.</summary>
internal sealed record CollectionChoices(IReadOnlyList<(int Id, string Name)> Datasets, IReadOnlyList<(int Id, string Name)> Groups)
{
    public static CollectionChoices Empty { get; } = new([], []);

    /// <summary>
    /// Datasets shared with the user's groups. Groups: all for an administrator; otherwise the user's own and those the
    /// collection already names (the operations refuse a foreign one that stays ticked, with a message beside it).
    /// </summary>
    public static async Task<CollectionChoices> LoadAsync(TaxiiDbContext db, ClaimsPrincipal user, IEnumerable<int> named, CancellationToken cancellationToken)
    {
        var datasets = await DataAccess.VisibleDatasets(db, user).AsNoTracking().OrderBy(d => d.Name).ThenBy(d => d.Id)
            .Select(d => new { d.Id, d.Name }).ToListAsync(cancellationToken);
        return new([.. datasets.Select(d => (d.Id, d.Name))], await GroupChoices.LoadAsync(db, user, named, cancellationToken));
    }
}
