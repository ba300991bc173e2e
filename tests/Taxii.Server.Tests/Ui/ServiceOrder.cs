using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Persistence;
using Taxii.Server.Ui.TaxiiView;

namespace Taxii.Server.Tests.Ui;

/// <summary>The order the TAXII view must show, worked out here in C# from the rows themselves (not by the page's query).</summary>
internal static class ServiceOrder
{
    public static IReadOnlyList<string> Columns { get; } = ["path", "type", "versions", "available", "authentication", "collections"];

    public static async Task<IReadOnlyList<int>> ExpectedAsync(IServiceProvider services, string column, bool descending)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var rows = await db.Services.AsNoTracking()
            .Select(s => new { s.Id, s.Path, s.Type, s.Available, s.AuthenticationRequired, Count = s.Collections.Count })
            .ToListAsync(TestContext.Current.CancellationToken);
        Func<int, int, int> byKey = column switch
        {
            "path" => (a, b) => string.CompareOrdinal(rows.Single(r => r.Id == a).Path, rows.Single(r => r.Id == b).Path),
            "type" => (a, b) => string.CompareOrdinal(ServiceLabels.Type(rows.Single(r => r.Id == a).Type), ServiceLabels.Type(rows.Single(r => r.Id == b).Type)),
            "available" => (a, b) => rows.Single(r => r.Id == a).Available.CompareTo(rows.Single(r => r.Id == b).Available),
            "authentication" => (a, b) => rows.Single(r => r.Id == a).AuthenticationRequired.CompareTo(rows.Single(r => r.Id == b).AuthenticationRequired),
            "collections" => (a, b) => rows.Single(r => r.Id == a).Count.CompareTo(rows.Single(r => r.Id == b).Count),
            _ => (_, _) => 0,
        };
        var ids = rows.Select(r => r.Id).ToList();
        // equal values: by id, in the same direction
        ids.Sort((a, b) => (byKey(a, b) is var c && c != 0 ? c : a.CompareTo(b)) * (descending ? -1 : 1));
        return ids;
    }
}
