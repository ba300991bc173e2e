using System.Linq.Expressions;
using Taxii.Core.Collections;

namespace Taxii.Server.Ui.CollectionsView;

/// <summary>A row of the collection list.</summary>
internal sealed record CollectionRow(int Id, string Name, string? Description, CollectionType Type, bool Enabled, int ContentBindings, int Services)
{
    public static readonly Expression<Func<Collection, CollectionRow>> Projection =
        c => new CollectionRow(c.Id, c.Name, c.Description, c.Type, c.Enabled, c.ContentBindings.Count, c.Services.Count);

    public static string TypeLabel(CollectionType type) => type == CollectionType.DataSet ? "Data set" : "Data feed";
}
