using Npgsql;

namespace Taxii.Persistence;

/// <summary>
/// The database could not be reached. After PostgreSQL restarts, every idle connection in the host's pools (the
/// context's, the content store's, the job server's) is dead, and Npgsql finds out only by using one: each would fail
/// one more request after the database is back. So the first lost connection seen clears every pool, and connections
/// are opened anew once the database answers.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>Whether <paramref name="exception"/> (or one it wraps, as EF Core does) is a transient Npgsql failure.</summary>
    public static bool IsOutage(Exception? exception) => InChain(exception, e => e is NpgsqlException { IsTransient: true });

    /// <summary>
    /// Whether <paramref name="exception"/> is an outage (<see cref="IsOutage"/>); when a connection was lost in it (the
    /// socket failed, or the server said it is shutting down or cannot accept connections), clears every pool too. A
    /// mere timeout under load leaves the pools alone.
    /// </summary>
    public static bool Observe(Exception? exception)
    {
        if (!IsOutage(exception))
        {
            return false;
        }

        if (IsConnectionLost(exception))
        {
            ClearPools();
        }

        return true;
    }

    // 57P01-03: admin shutdown, crash shutdown, cannot connect now; class 08: connection exceptions
    private static bool IsConnectionLost(Exception? exception) => InChain(exception, e =>
        e is IOException or System.Net.Sockets.SocketException
        || e is PostgresException p && (p.SqlState.StartsWith("57P", StringComparison.Ordinal) || p.SqlState.StartsWith("08", StringComparison.Ordinal)));

    private static bool InChain(Exception? exception, Func<Exception, bool> test)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (test(exception))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Closes every idle pooled connection now, and every busy one when it is returned.</summary>
    public static void ClearPools() => NpgsqlConnection.ClearAllPools();
}
