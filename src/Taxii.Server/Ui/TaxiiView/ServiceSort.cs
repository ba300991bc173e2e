using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Collections;

namespace Taxii.Server.Ui.TaxiiView;

/// <summary>
/// The TAXII view's sortable columns, ordered in the database: by what the column shows (paths byte-wise, types by
/// their label), then by id so equal values keep one order across pages and reloads.
/// </summary>
internal sealed class ServiceSort() : ListSort<Service>(Path, [Path, Type, Versions, Available, Authentication, Collections], s => s.Id)
{
    public const string Path = "path";
    public const string Type = "type";
    public const string Versions = "versions";
    public const string Available = "available";
    public const string Authentication = "authentication";
    public const string Collections = "collections";

    public static ServiceSort Instance { get; } = new();

    // types in the order of their labels, as a user reading the column expects
    private static readonly Expression<Func<Service, int>> TypeRank = RankByLabel();

    protected override IOrderedQueryable<Service> Order(IQueryable<Service> services, string column, bool descending) =>
        column switch
        {
            // "C": byte order, the same on every server whatever its locale
            Path => By(services, s => EF.Functions.Collate(s.Path, "C"), descending),
            Type => By(services, TypeRank, descending),
            Available => By(services, s => s.Available, descending),
            Authentication => By(services, s => s.AuthenticationRequired, descending),
            Collections => By(services, s => s.Collections.Count, descending),
            // every service speaks every version: the column holds one value, and the order is the ids'
            _ => services.OrderBy(s => 0),
        };

    private static Expression<Func<Service, int>> RankByLabel()
    {
        var types = Enum.GetValues<ServiceType>().OrderBy(ServiceLabels.Type, StringComparer.Ordinal).ToList();
        var service = Expression.Parameter(typeof(Service), "s");
        var type = Expression.Property(service, nameof(Service.Type));
        Expression rank = Expression.Constant(types.Count);
        for (var i = types.Count - 1; i >= 0; i--)
        {
            rank = Expression.Condition(Expression.Equal(type, Expression.Constant(types[i])), Expression.Constant(i), rank);
        }

        return Expression.Lambda<Func<Service, int>>(rank, service);
    }
}
