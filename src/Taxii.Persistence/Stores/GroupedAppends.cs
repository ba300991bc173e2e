using System.Collections.Concurrent;

namespace Taxii.Persistence.Stores;

/// <summary>
/// Group commit for appends that arrive concurrently (inbox messages): the blocks of every caller waiting when a writer
/// is free are stored by one statement in one transaction, so many messages share one commit (one WAL flush) and one
/// round trip instead of paying one each.
/// </summary>
/// <remarks>
/// <para>Each caller's blocks stay all or nothing, and its task completes only once they are committed: an inbox answers
/// SUCCESS only for content that is durable. When a shared write fails (a collection deleted meanwhile, say), each caller
/// of the group is written again in a transaction of its own, so one bad message does not fail the others. When the
/// database cannot be reached or the connection breaks, every caller of the group gets that error at once.</para>
/// <para>Blocks written together share a timestamp label per collection (TAXII allows equal labels; a poll part never splits
/// one), so a group is kept to about <see cref="MaxBlocks"/> blocks and <see cref="MaxBytes"/> bytes, and a larger append
/// is written alone at once. At most <see cref="MaxWriters"/> groups are written at a time: while one commits, the next
/// gathers the callers that arrive meanwhile. A caller whose request is cancelled before its group is written is left out.</para>
/// </remarks>
public sealed class GroupedAppends(string connectionString)
{
    /// <summary>A group takes callers until it holds this many blocks; an append of this many or more is written alone.</summary>
    public const int MaxBlocks = 1000;

    /// <summary>A group takes callers until it holds this many bytes of content; a larger append is written alone.</summary>
    public const long MaxBytes = 8L * 1024 * 1024;

    /// <summary>Groups written at the same time.</summary>
    public const int MaxWriters = 1;

    private readonly ConcurrentQueue<Pending> _waiting = new();
    private int _writers;

    /// <summary>
    /// Stores <paramref name="blocks"/> as <see cref="ContentStore.AppendAsync"/> does (all or nothing, ids in the order
    /// given, one label per collection), possibly in the same transaction as other callers' blocks.
    /// </summary>
    public Task<StoredBlock[]> AppendAsync(IReadOnlyList<NewContentBlock> blocks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        if (blocks.Count == 0)
        {
            return Task.FromResult(Array.Empty<StoredBlock>());
        }

        var bytes = blocks.Sum(b => (long)b.Content.Length);
        if (blocks.Count >= MaxBlocks || bytes >= MaxBytes)
        {
            return ContentStore.InsertAsync(connectionString, blocks, cancellationToken);
        }

        var pending = new Pending(blocks, bytes, cancellationToken);
        _waiting.Enqueue(pending);
        StartWriter();
        return pending.Stored.Task;
    }

    private void StartWriter()
    {
        while (!_waiting.IsEmpty)
        {
            var writers = Volatile.Read(ref _writers);
            if (writers >= MaxWriters)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _writers, writers + 1, writers) == writers)
            {
                _ = Task.Run(WriteAsync);
                return;
            }
        }
    }

    private async Task WriteAsync()
    {
        try
        {
            while (Take() is { Count: > 0 } group)
            {
                await WriteGroupAsync(group);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _writers);
        }

        // a caller that queued after the last Take, while this writer was still counted, would otherwise wait for the next one
        StartWriter();
    }

    private List<Pending> Take()
    {
        var group = new List<Pending>();
        var blocks = 0;
        var bytes = 0L;
        while (blocks < MaxBlocks && bytes < MaxBytes && _waiting.TryDequeue(out var pending))
        {
            if (pending.CancellationToken.IsCancellationRequested)
            {
                pending.Stored.TrySetCanceled(pending.CancellationToken);
                continue;
            }

            group.Add(pending);
            blocks += pending.Blocks.Count;
            bytes += pending.Bytes;
        }

        return group;
    }

    private async Task WriteGroupAsync(List<Pending> group)
    {
        if (group.Count == 1)
        {
            await WriteAloneAsync(group[0]);
            return;
        }

        StoredBlock[] stored;
        try
        {
            // the group serves many requests: none of their cancellations may abort the others' commit
            stored = await ContentStore.InsertAsync(connectionString, [.. group.SelectMany(p => p.Blocks)], CancellationToken.None);
        }
        catch (Exception e) when (DatabaseOutage.IsOutage(e))
        {
            // the database could not be reached (or the connection broke): writing each alone would only meet the same
            // failure once per caller, and a connection lost during the commit may have committed, so a second write
            // could store the group's blocks twice. Each caller is told instead; its own handler observes the outage
            foreach (var pending in group)
            {
                pending.Stored.TrySetException(e);
            }

            return;
        }
        catch (Exception)
        {
            foreach (var pending in group)
            {
                await WriteAloneAsync(pending);
            }

            return;
        }

        var offset = 0;
        foreach (var pending in group)
        {
            pending.Stored.TrySetResult(stored[offset..(offset + pending.Blocks.Count)]);
            offset += pending.Blocks.Count;
        }
    }

    private async Task WriteAloneAsync(Pending pending)
    {
        try
        {
            pending.Stored.TrySetResult(await ContentStore.InsertAsync(connectionString, pending.Blocks, pending.CancellationToken));
        }
        catch (OperationCanceledException) when (pending.CancellationToken.IsCancellationRequested)
        {
            pending.Stored.TrySetCanceled(pending.CancellationToken);
        }
        catch (Exception e)
        {
            pending.Stored.TrySetException(e);
        }
    }

    private sealed class Pending(IReadOnlyList<NewContentBlock> blocks, long bytes, CancellationToken cancellationToken)
    {
        public IReadOnlyList<NewContentBlock> Blocks { get; } = blocks;

        public long Bytes { get; } = bytes;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        // continuations run elsewhere: the writer goes on to the next group instead of running every caller's request
        public TaskCompletionSource<StoredBlock[]> Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
