using System.Data;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Taxii.Core.Collections;

namespace Taxii.Persistence.Stores;

/// <summary>
/// The PostgreSQL hot path for content: appends in one transaction with server-assigned labels, and keyset-streamed
/// reads for polls and pushes. Uses its own pooled connections (the context's connection string), so a read can stream
/// while the context is used for other queries.
/// </summary>
/// <remarks>
/// <para>Why the advisory locks. A poll's Inclusive_End_Timestamp must be ≥ every label already committed and &lt; every
/// label committed later, or the next incremental poll (which starts after that end) would skip content forever. A
/// label is assigned inside the appending transaction, before it commits; without coordination an append could take
/// label L, a poll could close its window at E &gt; L while the append is still uncommitted (so the poll does not see
/// it), and the append could then commit with L ≤ E: both the poll and every later poll miss it.</para>
/// <para>So each append holds <c>pg_advisory_xact_lock_shared(class, collection)</c> from before it assigns labels until
/// it commits (appends never wait for each other), and <see cref="CloseWindowAsync"/> takes the exclusive lock on the
/// same key: it waits for every append in flight to commit, then reads <c>clock_timestamp()</c> as the window's end.
/// Appends that start afterwards wait for that short transaction and take labels after it. Labels are microseconds,
/// PostgreSQL's resolution and TAXII's maximum.</para>
/// </remarks>
public sealed class ContentStore(TaxiiDbContext db)
{
    /// <summary>The first key of the two-key advisory lock: "content window" locks, the second key is the collection id.</summary>
    public const int WindowLockClass = 0x7A11_0001;

    private const string Columns = "id, timestamp_label, content_binding, content_subtype, message, is_xml, content";

    private string ConnectionString => db.Database.GetConnectionString()
        ?? throw new InvalidOperationException("The Taxii database connection string is not set");

    /// <summary>
    /// Stores <paramref name="blocks"/> in one transaction: all or nothing. Every block of a call gets the same label per
    /// collection (they are added atomically, which TAXII allows), and ids increase in the order given.
    /// </summary>
    public async Task<IReadOnlyList<StoredBlock>> AppendAsync(IReadOnlyList<NewContentBlock> blocks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        return blocks.Count == 0 ? [] : await InsertAsync(ConnectionString, blocks, cancellationToken);
    }

    /// <summary><see cref="AppendAsync"/> on a connection of its own: one implicit transaction (what <see cref="GroupedAppends"/> shares).</summary>
    internal static async Task<StoredBlock[]> InsertAsync(string connectionString, IReadOnlyList<NewContentBlock> blocks, CancellationToken cancellationToken)
    {
        var count = blocks.Count;
        var collections = new int[count];
        var contents = new byte[count][];
        var bindings = new string[count];
        var subtypes = new string?[count];
        var messages = new string?[count];
        var xml = new bool[count];
        var hashes = new byte[count][];
        var senders = new int?[count];
        for (var i = 0; i < count; i++)
        {
            var block = blocks[i];
            collections[i] = block.CollectionId;
            contents[i] = block.Content;
            bindings[i] = block.ContentBinding;
            subtypes[i] = block.ContentSubtype;
            messages[i] = block.Message;
            xml[i] = block.IsXml;
            hashes[i] = SHA256.HashData(block.Content);
            senders[i] = block.SenderUserId;
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        // no explicit transaction: PostgreSQL runs a batch (one Sync) as one implicit transaction, so the locks are held
        // until the insert commits and a failure stores nothing, in one round trip instead of BEGIN…COMMIT's two
        await using var batch = new NpgsqlBatch(connection);
        // ascending collection order: two appends to overlapping collections never wait on each other in a cycle
        // (shared locks do not conflict, but an exclusive request queued between them would otherwise deadlock)
        foreach (var collectionId in collections.Distinct().Order())
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock_shared($1, $2)")
            {
                Parameters = { new() { Value = WindowLockClass }, new() { Value = collectionId } },
            });
        }

        // one multi-row insert; the label is read after the locks are held (clock_timestamp, not now(), which is the
        // transaction's start and could precede a window closed while this transaction waited for its lock)
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            INSERT INTO content_blocks (collection_id, content, content_binding, content_subtype, sha256, timestamp_label, message, is_xml, sender_user_id, created_at)
            SELECT b.collection_id, b.content, b.content_binding, b.content_subtype, b.sha256, t.label, b.message, b.is_xml, b.sender_user_id, t.label
            FROM (SELECT clock_timestamp() AS label) t,
                 unnest($1::integer[], $2::bytea[], $3::text[], $4::text[], $5::bytea[], $6::text[], $7::boolean[], $8::integer[])
                     WITH ORDINALITY AS b(collection_id, content, content_binding, content_subtype, sha256, message, is_xml, sender_user_id, ordinal)
            ORDER BY b.ordinal
            RETURNING id, timestamp_label
            """)
        {
            Parameters =
            {
                new() { Value = collections, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
                new() { Value = contents, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea },
                new() { Value = bindings, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = subtypes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = hashes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea },
                new() { Value = messages, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = xml, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Boolean },
                new() { Value = senders, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
            },
        });

        var inserted = new List<(long Id, DateTimeOffset Label)>(count);
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            // skip the lock results
            while (reader.FieldCount != 2 || reader.GetName(0) != "id")
            {
                await reader.NextResultAsync(cancellationToken);
            }

            while (await reader.ReadAsync(cancellationToken))
            {
                inserted.Add((reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1)));
            }
        }

        // ids were drawn in ordinal order; RETURNING's order is not promised, the ids' order is
        inserted.Sort((a, b) => a.Id.CompareTo(b.Id));
        var stored = new StoredBlock[count];
        for (var i = 0; i < count; i++)
        {
            stored[i] = new StoredBlock(inserted[i].Id, collections[i], inserted[i].Label, hashes[i]);
        }

        return stored;
    }

    /// <summary>
    /// The end of a poll window for <paramref name="collectionId"/>: waits for appends in flight to commit and returns
    /// <c>clock_timestamp()</c>, so the value is ≥ every label committed and &lt; every label committed later.
    /// </summary>
    public async Task<DateTimeOffset> CloseWindowAsync(int collectionId, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        // one statement, so its own transaction: the lock is taken, the clock read after it, and the lock released
        await using var command = new NpgsqlCommand(
            "SELECT pg_advisory_xact_lock($1, $2), clock_timestamp()", connection)
        {
            Parameters = { new() { Value = WindowLockClass }, new() { Value = collectionId } },
        };
        DateTimeOffset end;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            end = reader.GetFieldValue<DateTimeOffset>(1);
        }

        return end;
    }

    /// <summary>Streams the window's blocks in keyset order (timestamp_label, id), never holding more than one row.</summary>
    public IAsyncEnumerable<StoredContent> ReadAsync(ContentWindow window, CancellationToken cancellationToken) =>
        ReadAsync(window, shareBuffer: false, cancellationToken);

    /// <summary>
    /// <see cref="ReadAsync(ContentWindow, CancellationToken)"/> for a caller that is done with each block before it
    /// asks for the next, as a writer streaming them out is: every block's <see cref="StoredContent.Content"/> is read
    /// into the same buffer, so it is valid only until the next block is asked for, and a read allocates nothing per
    /// block for content.
    /// </summary>
    public IAsyncEnumerable<StoredContent> StreamAsync(ContentWindow window, CancellationToken cancellationToken) =>
        ReadAsync(window, shareBuffer: true, cancellationToken);

    private async IAsyncEnumerable<StoredContent> ReadAsync(ContentWindow window, bool shareBuffer,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = await PreparedAsync(Build(connection, window, $"SELECT {Columns} FROM content_blocks", orderAndLimit: true), cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        var buffer = new ColumnBuffer();
        try
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetInt64(0);
                var label = reader.GetFieldValue<DateTimeOffset>(1);
                var binding = reader.GetString(2);
                var subtype = await reader.IsDBNullAsync(3, cancellationToken) ? null : reader.GetString(3);
                var message = await reader.IsDBNullAsync(4, cancellationToken) ? null : reader.GetString(4);
                var isXml = reader.GetBoolean(5);
                var content = await buffer.ReadAsync(reader, 6, shareBuffer, cancellationToken);
                yield return new StoredContent(id, label, binding, subtype, message, isXml, content);
            }
        }
        finally
        {
            buffer.Release();
        }
    }

    /// <summary>How many blocks <see cref="ReadAsync"/> would return for <paramref name="window"/>.</summary>
    public async Task<long> CountAsync(ContentWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = await PreparedAsync(
            BuildAround(connection, window, "SELECT 1 FROM content_blocks", rows => $"SELECT count(*) FROM ({rows}) w"), cancellationToken);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// The window's blocks grouped by timestamp label, in label order, without their content: per label its last
    /// keyset position and how many blocks share it (what planning the parts of a multi-part poll needs). Blocks
    /// stored by one inbox message share a label, so a collection filled in batches answers with one row per batch.
    /// </summary>
    public async IAsyncEnumerable<LabelGroup> ReadLabelGroupsAsync(ContentWindow window, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = await PreparedAsync(BuildAround(connection, window, "SELECT timestamp_label, id FROM content_blocks",
            rows => $"SELECT timestamp_label, max(id), count(*) FROM ({rows}) k GROUP BY timestamp_label ORDER BY timestamp_label"), cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new LabelGroup(reader.GetFieldValue<DateTimeOffset>(0), reader.GetInt64(1), reader.GetInt64(2));
        }
    }

    /// <summary>
    /// <paramref name="outer"/> over the window's rows as <paramref name="select"/> reads them. A limited window is its first
    /// Limit blocks in keyset order, so the limit applies to the rows, before the outer query counts or groups them.
    /// </summary>
    private static NpgsqlCommand BuildAround(NpgsqlConnection connection, ContentWindow window, string select, Func<string, string> outer)
    {
        var command = Build(connection, window, select, orderAndLimit: window.Limit is not null);
        command.CommandText = outer(command.CommandText);
        return command;
    }

    /// <summary>
    /// Prepares <paramref name="command"/> on its connection: a window query has a handful of shapes (the clauses a
    /// window needs), each parsed once per pooled connection (and planned once, when PostgreSQL finds its generic plan
    /// as good as the custom ones), which keeps its prepared statements when it goes back to the pool; preparing a
    /// shape the connection already has costs no round trip.
    /// </summary>
    private static async Task<NpgsqlCommand> PreparedAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        try
        {
            await command.PrepareAsync(cancellationToken);
            return command;
        }
        catch
        {
            await command.DisposeAsync();
            throw;
        }
    }

    // only the clauses a window needs, so each shape gets a plan that walks (collection_id, timestamp_label, id)
    private static NpgsqlCommand Build(NpgsqlConnection connection, ContentWindow window, string select, bool orderAndLimit)
    {
        var command = new NpgsqlCommand { Connection = connection };
        var sql = new StringBuilder(select).Append(" WHERE collection_id = ").Append(Add(command, window.CollectionId));
        if (window.ExclusiveBegin is { } begin)
        {
            sql.Append(" AND timestamp_label > ").Append(Add(command, begin.ToUniversalTime()));
        }

        if (window.InclusiveEnd is { } end)
        {
            sql.Append(" AND timestamp_label <= ").Append(Add(command, end.ToUniversalTime()));
        }

        if (window.After is { } after)
        {
            sql.Append(" AND (timestamp_label, id) > (").Append(Add(command, after.Label.ToUniversalTime())).Append(", ").Append(Add(command, after.Id)).Append(')');
        }

        if (window.UpTo is { } upTo)
        {
            sql.Append(" AND (timestamp_label, id) <= (").Append(Add(command, upTo.Label.ToUniversalTime())).Append(", ").Append(Add(command, upTo.Id)).Append(')');
        }

        AppendBindingFilter(command, sql, window.ContentBindings);
        if (orderAndLimit)
        {
            sql.Append(" ORDER BY timestamp_label, id");
            if (window.Limit is { } limit)
            {
                sql.Append(" LIMIT ").Append(Add(command, limit));
            }
        }

        command.CommandText = sql.ToString();
        return command;
    }

    private static void AppendBindingFilter(NpgsqlCommand command, StringBuilder sql, IReadOnlyList<string> filters)
    {
        if (filters.Count == 0)
        {
            return;
        }

        var parsed = filters.Select(ContentBindingFilter.Parse).ToList();
        var whole = parsed.Where(f => f.Subtype is null).Select(f => f.BindingId).Distinct().ToArray();
        var withSubtype = parsed.Where(f => f.Subtype is not null).ToArray();
        sql.Append(" AND (content_binding = ANY(").Append(Add(command, whole)).Append(')');
        if (withSubtype.Length > 0)
        {
            sql.Append(" OR (content_binding, content_subtype) IN (SELECT * FROM unnest(")
                .Append(Add(command, withSubtype.Select(f => f.BindingId).ToArray())).Append(", ")
                .Append(Add(command, withSubtype.Select(f => f.Subtype ?? string.Empty).ToArray())).Append("))");
        }

        sql.Append(')');
    }

    private static string Add<T>(NpgsqlCommand command, T value)
    {
        command.Parameters.Add(new NpgsqlParameter<T> { TypedValue = value });
        return "$" + command.Parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
