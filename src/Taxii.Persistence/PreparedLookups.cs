using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Taxii.Persistence;

/// <summary>
/// Opt-in server-side preparation for the few small lookups every TAXII request runs (the caller's user and
/// permissions, the service's collections, the incoming feeds of an inbox): a query marked with <see cref="Prepared"/>
/// is prepared on its pooled connection, where it stays, so PostgreSQL plans it once per connection instead of on every
/// request. Only lookups over small, slowly growing tables (users, roles, groups, services, collections, feeds) are
/// marked: PostgreSQL may keep a generic plan made while a table was small, which for the content and entity tables
/// proved costly (docs/performance.md, "Tried and not kept").
/// </summary>
public static class PreparedLookups
{
    private const string Tag = "taxii:prepared";

    /// <summary>Marks <paramref name="query"/> to be prepared on its connection.</summary>
    public static IQueryable<T> Prepared<T>(this IQueryable<T> query) => query.TagWith(Tag);

    internal static readonly IInterceptor Interceptor = new PreparingInterceptor();

    private sealed class PreparingInterceptor : DbCommandInterceptor
    {
        // EF Core writes tags as leading SQL comments
        private static bool IsMarked(DbCommand command) => command.CommandText.StartsWith("-- " + Tag, StringComparison.Ordinal);

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            if (IsMarked(command) && command is NpgsqlCommand npgsql)
            {
                // a no-op when this connection prepared the same SQL before
                npgsql.Prepare();
            }

            return result;
        }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (IsMarked(command) && command is NpgsqlCommand npgsql)
            {
                await npgsql.PrepareAsync(cancellationToken);
            }

            return result;
        }
    }
}
