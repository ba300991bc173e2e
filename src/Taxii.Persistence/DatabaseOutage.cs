using Npgsql;

namespace Taxii.Persistence;

/// <summary>
/// The database could not be reached. After PostgreSQL restarts, every idle connection in the host's pools (the
/// context's, the content store's, the job server's) is dead, and Npgsql finds out only by using one: each would fail
/// one more request after the database is back. So the first failure seen clears every pool, and connections are
/// opened anew once the database answers.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>Whether <paramref name="exception"/> (or one it wraps, as EF Core does) is a transient Npgsql failure.</summary>
    public static bool IsOutage(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is NpgsqlException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>When <paramref name="exception"/> is an outage, clears every connection pool; returns whether it was one.</summary>
    public static bool Observe(Exception? exception)
    {
        if (!IsOutage(exception))
        {
            return false;
        }

        ClearPools();
        return true;
    }

    /// <summary>Closes every idle pooled connection now, and every busy one when it is returned.</summary>
    public static void ClearPools() => NpgsqlConnection.ClearAllPools();
}
