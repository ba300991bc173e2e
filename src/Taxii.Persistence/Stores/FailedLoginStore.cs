using System.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Taxii.Core.Security;

namespace Taxii.Persistence.Stores;

/// <summary>
/// Failed-login counts in <c>failed_login_counts</c>, shared by every host on the database. Each call is one round trip;
/// an increment is one atomic upsert, so hosts counting the same key at once neither lose a failure nor open two windows.
/// Times come from the caller's clock, so all of a host's decisions use one clock.
/// </summary>
public sealed class FailedLoginStore(TaxiiDbContext db)
{
    /// <summary>The stored counts of these keys (their windows may have ended).</summary>
    public Task<List<FailedLoginCount>> ReadAsync(string[] keys, CancellationToken cancellationToken) =>
        WithConnectionAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(
                "SELECT key, window_start, failures FROM failed_login_counts WHERE key = ANY($1)", connection)
            {
                Parameters = { new() { Value = keys, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text } },
            };
            return await ReadCountsAsync(command, cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// Adds one failure to each key and returns the counts after it. A key whose window ended (it started at or before
    /// <paramref name="now"/> minus <paramref name="window"/>) starts a new one at <paramref name="now"/>. Keys not stored
    /// yet are added only when <paramref name="addNew"/>; otherwise they go uncounted and are missing from the result.
    /// </summary>
    public Task<List<FailedLoginCount>> AddFailureAsync(string[] keys, DateTimeOffset now, TimeSpan window, bool addNew, CancellationToken cancellationToken) =>
        WithConnectionAsync(async connection =>
        {
            // $2 is now, $3 the start of the oldest window still running
            const string Restart = "c.window_start <= $3";
            var sql = addNew
                ? $"""
                    INSERT INTO failed_login_counts AS c (key, window_start, failures)
                    SELECT k, $2, 1 FROM unnest($1) AS k
                    ON CONFLICT (key) DO UPDATE SET
                        window_start = CASE WHEN {Restart} THEN $2 ELSE c.window_start END,
                        failures = CASE WHEN {Restart} THEN 1 ELSE c.failures + 1 END
                    RETURNING c.key, c.window_start, c.failures
                    """
                : $"""
                    UPDATE failed_login_counts AS c SET
                        window_start = CASE WHEN {Restart} THEN $2 ELSE c.window_start END,
                        failures = CASE WHEN {Restart} THEN 1 ELSE c.failures + 1 END
                    WHERE c.key = ANY($1)
                    RETURNING c.key, c.window_start, c.failures
                    """;
            await using var command = new NpgsqlCommand(sql, connection)
            {
                Parameters =
                {
                    new() { Value = keys, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                    new() { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                    new() { Value = now - window, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                },
            };
            return await ReadCountsAsync(command, cancellationToken);
        }, cancellationToken);

    /// <summary>Forgets a key's failures.</summary>
    public Task ClearAsync(string key, CancellationToken cancellationToken) =>
        WithConnectionAsync(async connection =>
        {
            await using var command = new NpgsqlCommand("DELETE FROM failed_login_counts WHERE key = $1", connection)
            {
                Parameters = { new() { Value = key, NpgsqlDbType = NpgsqlDbType.Text } },
            };
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// Deletes the windows that ended by <paramref name="now"/> and returns how many remain, counted up to
    /// <paramref name="countUpTo"/> (so a full table costs a bounded scan).
    /// </summary>
    public Task<int> SweepAsync(DateTimeOffset now, TimeSpan window, int countUpTo, CancellationToken cancellationToken) =>
        WithConnectionAsync(async connection =>
        {
            // the outer query sees the table as it was before the delete, so it counts the windows that go on
            await using var command = new NpgsqlCommand("""
                WITH swept AS (DELETE FROM failed_login_counts WHERE window_start <= $1)
                SELECT count(*)::int FROM (SELECT 1 FROM failed_login_counts WHERE window_start > $1 LIMIT $2) AS live
                """, connection)
            {
                Parameters =
                {
                    new() { Value = now - window, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                    new() { Value = countUpTo, NpgsqlDbType = NpgsqlDbType.Integer },
                },
            };
            return (int)(await command.ExecuteScalarAsync(cancellationToken) ?? 0);
        }, cancellationToken);

    private static async Task<List<FailedLoginCount>> ReadCountsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var counts = new List<FailedLoginCount>(2);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(new FailedLoginCount
            {
                Key = reader.GetString(0),
                WindowStart = reader.GetFieldValue<DateTimeOffset>(1),
                Failures = reader.GetInt32(2),
            });
        }

        return counts;
    }

    // on the context's connection, so a login's queries share one pooled connection
    private async Task<T> WithConnectionAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            return await work(connection);
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }
}
