namespace Taxii.Server.Admin;

internal static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>Checks <c>limit</c>; null when it is fine, otherwise the validation error.</summary>
    public static Dictionary<string, string[]>? Check(int? limit) =>
        limit is null or (>= 1 and <= MaxLimit) ? null : new() { ["limit"] = [$"limit must be between 1 and {MaxLimit}"] };

    /// <summary>Takes <paramref name="fetched"/> (up to limit + 1 rows) and makes the page, with the cursor if more follow.</summary>
    public static Page<T> ToPage<T>(List<T> fetched, int limit, Func<T, int> id)
    {
        if (fetched.Count <= limit)
        {
            return new Page<T>(fetched, null);
        }

        fetched.RemoveAt(limit);
        return new Page<T>(fetched, id(fetched[^1]));
    }

    public static int Limit(int? limit) => limit ?? DefaultLimit;

    /// <summary>
    /// Trims <paramref name="fetched"/> (up to limit + 1 rows, newest first) to the page and returns the cursor for the
    /// next, older page (<c>before</c>), or null on the last page.
    /// </summary>
    public static long? TrimNewestFirst<T>(List<T> fetched, int limit, Func<T, long> id)
    {
        if (fetched.Count <= limit)
        {
            return null;
        }

        fetched.RemoveAt(limit);
        return id(fetched[^1]);
    }
}
