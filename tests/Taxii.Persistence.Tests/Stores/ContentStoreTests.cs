using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using Npgsql;
using Taxii.Core.Collections;
using Taxii.Persistence.Stores;
using Taxii.Testing;

namespace Taxii.Persistence.Tests.Stores;

public sealed class ContentStoreTests : IAsyncLifetime
{
    private const string Stix = "urn:stix.mitre.org:xml:1.1.1";
    private const string Json = "urn:eclecticiq.com:json:1.0";
    private string _database = "";
    private TaxiiDbContext _db = null!;
    private ContentStore _store = null!;
    private int _feed;
    private int _other;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await PostgresServer.CreateDatabaseAsync(cancellationToken: Ct);
        _db = new TaxiiDbContext(DependencyInjection.CreateOptions(_database));
        _store = new ContentStore(_db);
        var now = DateTimeOffset.UtcNow;
        var feed = new Collection { Name = "feed", CreatedAt = now, UpdatedAt = now };
        var other = new Collection { Name = "other", CreatedAt = now, UpdatedAt = now };
        _db.Collections.AddRange(feed, other);
        await _db.SaveChangesAsync(Ct);
        (_feed, _other) = (feed.Id, other.Id);
    }

    public async ValueTask DisposeAsync()
    {
        await _db.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_database);
    }

    [Fact]
    public async Task Append_stores_verbatim_with_hash_one_label_per_call_and_ids_in_order()
    {
        var blocks = new[]
        {
            Block(_feed, "<a xmlns=\"urn:x\">1</a>", xml: true),
            Block(_other, "{\"b\": 2}", binding: Json),
            Block(_feed, "<c/>", xml: true, subtype: "urn:sub", message: "hello"),
        };

        var stored = await _store.AppendAsync(blocks, Ct);

        stored.Select(s => s.CollectionId).Should().Equal(_feed, _other, _feed);
        stored.Select(s => s.Id).Should().BeInAscendingOrder();
        stored.Select(s => s.TimestampLabel).Distinct().Should().ContainSingle("one call is added atomically");
        stored.Select(s => s.Sha256).Should().BeEquivalentTo(blocks.Select(b => SHA256.HashData(b.Content)), o => o.WithStrictOrdering());
        var read = await ReadAllAsync(new ContentWindow(_feed));
        read.Select(r => Encoding.UTF8.GetString(r.Content.Span)).Should().Equal("<a xmlns=\"urn:x\">1</a>", "<c/>");
        read[1].Should().BeEquivalentTo(new { ContentBinding = Stix, ContentSubtype = "urn:sub", Message = "hello", IsXml = true, Id = stored[2].Id });
        (await ReadAllAsync(new ContentWindow(_other))).Single().IsXml.Should().BeFalse();
    }

    [Fact]
    public async Task Streaming_reads_each_block_into_one_buffer_as_it_grows_and_shrinks()
    {
        // sizes that make the shared buffer grow, be reused smaller, grow past the pooled size, and return to small
        string[] texts = [new('a', 10), new('b', 70_000), new('c', 5), new('d', 2_000_000), new('e', 300)];
        await _store.AppendAsync([.. texts.Select(t => Block(_feed, t))], Ct);

        var streamed = new List<string>();
        var arrays = new HashSet<byte[]>(ReferenceEqualityComparer.Instance);
        await foreach (var block in _store.StreamAsync(new ContentWindow(_feed), Ct))
        {
            // valid until the next block is asked for: decoded now, as a writer copies it now
            streamed.Add(Encoding.UTF8.GetString(block.Content.Span));
            System.Runtime.InteropServices.MemoryMarshal.TryGetArray(block.Content, out var segment).Should().BeTrue();
            arrays.Add(segment.Array!);
        }

        streamed.Should().Equal(texts);
        arrays.Should().HaveCount(3, "one buffer serves until a block needs a larger one");
        (await Texts(new ContentWindow(_feed))).Should().Equal(texts, "a plain read gives each block its own bytes");
    }

    [Fact]
    public async Task Later_appends_get_later_labels_and_windows_are_exclusive_begin_inclusive_end()
    {
        var first = (await _store.AppendAsync([Block(_feed, "1")], Ct)).Single();
        var second = (await _store.AppendAsync([Block(_feed, "2")], Ct)).Single();
        var third = (await _store.AppendAsync([Block(_feed, "3")], Ct)).Single();

        first.TimestampLabel.Should().BeBefore(second.TimestampLabel);
        second.TimestampLabel.Should().BeBefore(third.TimestampLabel);
        (await Texts(new ContentWindow(_feed) { ExclusiveBegin = first.TimestampLabel, InclusiveEnd = second.TimestampLabel }))
            .Should().Equal("2");
        (await Texts(new ContentWindow(_feed) { ExclusiveBegin = first.TimestampLabel })).Should().Equal("2", "3");
        (await Texts(new ContentWindow(_feed) { InclusiveEnd = first.TimestampLabel })).Should().Equal("1");
        (await Texts(new ContentWindow(_feed) { After = new(first.TimestampLabel, first.Id), Limit = 1 })).Should().Equal("2");
        (await Texts(new ContentWindow(_feed) { After = new(first.TimestampLabel, first.Id), UpTo = new(second.TimestampLabel, second.Id) }))
            .Should().Equal("2");
        (await _store.CountAsync(new ContentWindow(_feed) { ExclusiveBegin = first.TimestampLabel }, Ct)).Should().Be(2);
    }

    [Fact]
    public async Task Binding_filters_take_whole_bindings_or_binding_and_subtype()
    {
        await _store.AppendAsync(
        [
            Block(_feed, "stix"),
            Block(_feed, "stix-sub", subtype: "urn:s1"),
            Block(_feed, "json", binding: Json),
            Block(_feed, "json-sub", binding: Json, subtype: "urn:s2"),
        ], Ct);

        (await Texts(new ContentWindow(_feed) { ContentBindings = [Stix] })).Should().Equal("stix", "stix-sub");
        (await Texts(new ContentWindow(_feed) { ContentBindings = [new ContentBindingFilter(Json, "urn:s2").ToString()] }))
            .Should().Equal("json-sub");
        (await Texts(new ContentWindow(_feed) { ContentBindings = [Stix, new ContentBindingFilter(Json, "urn:s2").ToString()] }))
            .Should().Equal("stix", "stix-sub", "json-sub");
        (await _store.CountAsync(new ContentWindow(_feed) { ContentBindings = ["urn:none"] }, Ct)).Should().Be(0);
    }

    [Fact]
    public async Task Label_groups_come_in_label_order_with_their_last_key_and_size_and_honour_the_window()
    {
        var first = await _store.AppendAsync([Block(_feed, "a"), Block(_feed, "b"), Block(_feed, "c", binding: Json)], Ct);
        var second = await _store.AppendAsync([Block(_feed, "d")], Ct);
        var third = await _store.AppendAsync([Block(_feed, "e"), Block(_feed, "f")], Ct);

        (await Groups(new ContentWindow(_feed) { ContentBindings = [Stix] })).Should().Equal(
            new LabelGroup(first[0].TimestampLabel, first[1].Id, 2),
            new LabelGroup(second[0].TimestampLabel, second[0].Id, 1),
            new LabelGroup(third[0].TimestampLabel, third[1].Id, 2));
        // a limit counts blocks in keyset order, before the grouping; a begin excludes whole labels
        (await Groups(new ContentWindow(_feed) { Limit = 4 })).Should().Equal(
            new LabelGroup(first[0].TimestampLabel, first[2].Id, 3),
            new LabelGroup(second[0].TimestampLabel, second[0].Id, 1));
        (await Groups(new ContentWindow(_feed) { ExclusiveBegin = second[0].TimestampLabel })).Should().Equal(
            new LabelGroup(third[0].TimestampLabel, third[1].Id, 2));
    }

    [Fact]
    public async Task A_window_closed_while_an_append_is_in_flight_waits_for_it_and_the_block_lands_in_exactly_one_poll()
    {
        // hold the append after it took its label but before it commits: its foreign-key check needs the collection row
        await using var holder = new NpgsqlConnection(_database);
        await holder.OpenAsync(Ct);
        await using var hold = await holder.BeginTransactionAsync(Ct);
        await using (var lockRow = new NpgsqlCommand($"SELECT 1 FROM collections WHERE id = {_feed} FOR UPDATE", holder, hold))
        {
            await lockRow.ExecuteNonQueryAsync(Ct);
        }

        await using var appendDb = new TaxiiDbContext(DependencyInjection.CreateOptions(_database));
        var append = new ContentStore(appendDb).AppendAsync([Block(_feed, "in flight")], Ct);
        await WaitForSharedWindowLockAsync();
        var close = _store.CloseWindowAsync(_feed, Ct);
        await Task.Delay(500, Ct);
        close.IsCompleted.Should().BeFalse("the window cannot close while an append that already has its label is uncommitted");

        await hold.CommitAsync(Ct);
        var stored = (await append).Single();
        var end = await close;

        stored.TimestampLabel.Should().BeOnOrBefore(end);
        var firstPoll = await Texts(new ContentWindow(_feed) { InclusiveEnd = end });
        var secondEnd = await _store.CloseWindowAsync(_feed, Ct);
        var secondPoll = await Texts(new ContentWindow(_feed) { ExclusiveBegin = end, InclusiveEnd = secondEnd });
        firstPoll.Concat(secondPoll).Should().ContainSingle().Which.Should().Be("in flight");
        var after = (await _store.AppendAsync([Block(_feed, "after")], Ct)).Single();
        after.TimestampLabel.Should().BeAfter(secondEnd);
    }

    [Fact]
    public async Task Concurrent_grouped_appends_share_commits_and_each_caller_gets_its_own_blocks_in_order()
    {
        var appends = new GroupedAppends(_database);
        await using var holder = await HoldWindowAsync();
        var first = appends.AppendAsync([Block(_feed, "first")], Ct);
        await WaitForSharedWindowLockAsync(granted: false);
        // these queue while the first is written: the next group takes them together
        var rest = Enumerable.Range(0, 20)
            .Select(i => appends.AppendAsync([Block(_feed, $"{i}a"), Block(i % 2 == 0 ? _other : _feed, $"{i}b")], Ct)).ToList();
        await ReleaseWindowAsync(holder);

        (await first).Single().CollectionId.Should().Be(_feed);
        var stored = await Task.WhenAll(rest);
        for (var i = 0; i < stored.Length; i++)
        {
            stored[i].Select(b => b.CollectionId).Should().Equal(_feed, i % 2 == 0 ? _other : _feed);
            stored[i][0].Id.Should().BeLessThan(stored[i][1].Id);
        }

        stored.SelectMany(s => s).Select(b => b.TimestampLabel).Distinct().Count()
            .Should().BeLessThan(stored.Length / 2, "callers waiting together share a transaction (and so a label)");
        (await Texts(new ContentWindow(_feed))).Should().HaveCount(31);
        (await Texts(new ContentWindow(_other))).Should().Equal(Enumerable.Range(0, 10).Select(i => $"{i * 2}b"));
    }

    [Fact]
    public async Task A_grouped_append_that_fails_fails_alone_and_a_cancelled_one_stores_nothing()
    {
        var appends = new GroupedAppends(_database);
        await using var holder = await HoldWindowAsync();
        var first = appends.AppendAsync([Block(_feed, "first")], Ct);
        await WaitForSharedWindowLockAsync(granted: false);
        var before = Enumerable.Range(0, 5).Select(i => appends.AppendAsync([Block(_feed, $"before {i}")], Ct)).ToList();
        var missingCollection = appends.AppendAsync([Block(_feed, "with a bad one"), Block(int.MaxValue, "no such collection")], Ct);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var cancelled = appends.AppendAsync([Block(_feed, "cancelled")], cancel.Token);
        var after = Enumerable.Range(0, 5).Select(i => appends.AppendAsync([Block(_feed, $"after {i}")], Ct)).ToList();
        await cancel.CancelAsync();
        await ReleaseWindowAsync(holder);

        await first;
        await Task.WhenAll(before.Concat(after));
        (await missingCollection.Awaiting(t => t).Should().ThrowAsync<PostgresException>())
            .Which.SqlState.Should().Be(PostgresErrorCodes.ForeignKeyViolation);
        await cancelled.Awaiting(t => t).Should().ThrowAsync<OperationCanceledException>();
        (await Texts(new ContentWindow(_feed))).Should().BeEquivalentTo(
            ["first", .. Enumerable.Range(0, 5).Select(i => $"before {i}"), .. Enumerable.Range(0, 5).Select(i => $"after {i}")],
            "a failing caller stores none of its blocks, and the others of its group are stored all the same");
    }

    /// <summary>A session holding the exclusive window lock of the feed collection: appends to it wait until it is released.</summary>
    private async Task<NpgsqlConnection> HoldWindowAsync()
    {
        var holder = new NpgsqlConnection(_database);
        await holder.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT pg_advisory_lock($1, $2)", holder)
        {
            Parameters = { new() { Value = ContentStore.WindowLockClass }, new() { Value = _feed } },
        };
        await command.ExecuteNonQueryAsync(Ct);
        return holder;
    }

    private static async Task ReleaseWindowAsync(NpgsqlConnection holder)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", holder);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private async Task WaitForSharedWindowLockAsync(bool granted = true)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND mode = 'ShareLock' AND granted = $3 AND classid = $1 AND objid = $2", connection)
        {
            Parameters = { new() { Value = (long)ContentStore.WindowLockClass }, new() { Value = (long)_feed }, new() { Value = granted } },
        };
        for (var i = 0; i < 200; i++)
        {
            if ((long)(await command.ExecuteScalarAsync(Ct))! > 0)
            {
                await Task.Delay(100, Ct);
                return;
            }

            await Task.Delay(50, Ct);
        }

        throw new TimeoutException(granted ? "the append never took its shared window lock" : "the append never asked for its shared window lock");
    }

    private static NewContentBlock Block(int collection, string text, bool xml = false, string binding = Stix, string? subtype = null, string? message = null) =>
        new(collection, Encoding.UTF8.GetBytes(text), binding, subtype, message, xml);

    private async Task<List<StoredContent>> ReadAllAsync(ContentWindow window)
    {
        var list = new List<StoredContent>();
        await foreach (var block in _store.ReadAsync(window, Ct))
        {
            list.Add(block);
        }

        return list;
    }

    private async Task<List<string>> Texts(ContentWindow window) =>
        [.. (await ReadAllAsync(window)).Select(b => Encoding.UTF8.GetString(b.Content.Span))];

    private async Task<List<LabelGroup>> Groups(ContentWindow window)
    {
        var groups = new List<LabelGroup>();
        await foreach (var group in _store.ReadLabelGroupsAsync(window, Ct))
        {
            groups.Add(group);
        }

        return groups;
    }
}
