using Npgsql;

namespace Taxii.Feeds;

/// <summary>
/// The session-level advisory lock a feed run holds on its own connection while it runs: a run marked running whose
/// lock is free was cut short. Released explicitly, since a pooled connection goes back with its session.
/// </summary>
public static class FeedRunLock
{
    /// <summary>
    /// Lock classes (the key is the feed id). Apart from the classes of the stores' transaction locks
    /// (<c>ContentStore.WindowLockClass</c> 0x7A11_0001, <c>EntityStore.DatasetLockClass</c> 0x7A11_0002): a shared class
    /// would make an ingest into dataset N look like a run of feed N, and refuse that run.
    /// </summary>
    public const int Outgoing = 0x7A11_0004;

    public const int Incoming = 0x7A11_0003;

    public static async Task<bool> TryTakeAsync(NpgsqlConnection connection, int lockClass, int feedId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1, $2)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = lockClass });
        command.Parameters.Add(new NpgsqlParameter { Value = feedId });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public static async Task ReleaseAsync(NpgsqlConnection connection, int lockClass, int feedId)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1, $2)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = lockClass });
        command.Parameters.Add(new NpgsqlParameter { Value = feedId });
        await command.ExecuteScalarAsync(CancellationToken.None);
    }

    /// <summary>Whether a run of the feed holds its lock anywhere (checked by taking and dropping it at once).</summary>
    public static async Task<bool> IsHeldAsync(string connectionString, int lockClass, int feedId, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        if (!await TryTakeAsync(connection, lockClass, feedId, cancellationToken))
        {
            return true;
        }

        await ReleaseAsync(connection, lockClass, feedId);
        return false;
    }
}
