using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Taxii.Server.Tests.Ui;

/// <summary>The order a feed list shows across all its pages, and the order it must show, worked out in C# from the rows.</summary>
internal static partial class FeedListOrder
{
    /// <summary>The feed ids the list shows from <paramref name="address"/> on, following "Next page" to the end.</summary>
    public static async Task<List<int>> ShownAsync(UiSession session, string address)
    {
        var ids = new List<int>();
        for (var next = address; next is not null;)
        {
            var html = await session.HtmlAsync(next);
            ids.AddRange(RowId().Matches(html).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
            var link = NextLink().Match(html);
            next = link.Success ? WebUtility.HtmlDecode(link.Groups[1].Value) : null;
        }

        return ids;
    }

    /// <summary>The ids sorted by <paramref name="compare"/>, equal values by id, all in the one direction.</summary>
    public static List<int> Expected<TRow>(IEnumerable<TRow> rows, Func<TRow, int> id, Comparison<TRow> compare, bool descending)
    {
        var list = rows.ToList();
        list.Sort((a, b) => (compare(a, b) is var c && c != 0 ? c : id(a).CompareTo(id(b))) * (descending ? -1 : 1));
        return [.. list.Select(id)];
    }

    /// <summary>Times as PostgreSQL orders them ascending: a feed that never ran comes last.</summary>
    public static int CompareNullsLast(DateTimeOffset? a, DateTimeOffset? b) =>
        (a, b) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            _ => a.Value.CompareTo(b.Value),
        };

    [GeneratedRegex("<tr class=\"clickable\" data-href=\"[^\"]+\" data-id=\"(\\d+)\">")]
    private static partial Regex RowId();

    [GeneratedRegex("<a href=\"([^\"]+)\" rel=\"next\">")]
    private static partial Regex NextLink();
}
