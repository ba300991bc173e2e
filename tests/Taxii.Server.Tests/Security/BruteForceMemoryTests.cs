using System.Net;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Taxii.Persistence;
using Taxii.Persistence.Stores;
using Taxii.Server.Auth;
using Taxii.Testing;

namespace Taxii.Server.Tests.Security;

/// <summary>
/// The shared failed-login table under a flood of distinct addresses and names: it stays bounded, blocks already in
/// place hold, and room comes back when windows end. On the throttle itself over a real database: a flood over HTTP
/// would pay a password hash per attempt and take minutes.
/// </summary>
public sealed class BruteForceMemoryTests : IAsyncLifetime
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private string? _connectionString;
    private TaxiiDbContext? _db;

    private TaxiiDbContext Db => _db ?? throw new InvalidOperationException("InitializeAsync has not run");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync(cancellationToken: Ct);
        _db = new TaxiiDbContext(Persistence.DependencyInjection.CreateOptions(_connectionString));
    }

    public async ValueTask DisposeAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }

        if (_connectionString is not null)
        {
            await PostgresServer.DropDatabaseAsync(_connectionString);
        }
    }

    [Fact]
    public async Task A_flood_of_distinct_addresses_and_names_stays_bounded_and_keeps_existing_blocks()
    {
        var clock = new ShiftedClock();
        var throttle = Throttle(clock, perUser: 2, perAddress: 10, new FailedLoginSweep());
        var attacker = IPAddress.Parse("192.0.2.1");
        for (var i = 0; i < 10; i++)
        {
            await throttle.FailedAsync(attacker, "victim");
        }

        // the flood, written straight to the table: one failure each under as many keys as the table may hold
        var now = clock.GetUtcNow();
        await Db.Database.ExecuteSqlAsync($"""
            INSERT INTO failed_login_counts (key, window_start, failures)
            SELECT 'u 10.0.' || (i / 256) || '.' || (i % 256) || ' NAME-' || i, {now}, 1
            FROM generate_series(1, {LoginThrottle.MaxTrackedKeys}) AS i
            """, Ct);
        clock.Advance(FailedLoginSweep.Interval);

        var newcomer = IPAddress.Parse("198.51.100.1");
        await throttle.FailedAsync(newcomer, "x");
        await throttle.FailedAsync(newcomer, "x");
        (await throttle.RetryAfterAsync(newcomer, "x", Ct)).Should().BeNull("the table is full: new keys go uncounted");
        (await CountRowsAsync()).Should().BeLessThanOrEqualTo(LoginThrottle.MaxTrackedKeys + 2);
        (await throttle.RetryAfterAsync(attacker, "anyone", Ct)).Should().NotBeNull("a block in place survives the flood");
        (await throttle.RetryAfterAsync(attacker, null, Ct)).Should().NotBeNull();
        var counted = IPAddress.Parse("10.0.0.5");
        await throttle.FailedAsync(counted, "name-5");
        (await throttle.RetryAfterAsync(counted, "name-5", Ct)).Should().NotBeNull("keys already in the table go on being counted");

        clock.Advance(Window + TimeSpan.FromSeconds(2));
        var late = IPAddress.Parse("198.51.100.9");
        await throttle.FailedAsync(late, "x");
        await throttle.FailedAsync(late, "x");
        (await throttle.RetryAfterAsync(late, "x", Ct)).Should().NotBeNull("ended windows were swept to make room for new counts");
        (await CountRowsAsync()).Should().BeLessThan(10);
    }

    [Fact]
    public async Task IPv6_clients_count_per_64_prefix_and_mapped_IPv4_as_IPv4()
    {
        var throttle = Throttle(TimeProvider.System, perUser: 2, perAddress: 3, new FailedLoginSweep());
        for (var i = 1; i <= 3; i++)
        {
            await throttle.FailedAsync(IPAddress.Parse($"2001:db8:1:2::{i:x}"), null);
        }

        (await throttle.RetryAfterAsync(IPAddress.Parse("2001:db8:1:2:ffff::1"), null, Ct)).Should().NotBeNull("same /64");
        (await throttle.RetryAfterAsync(IPAddress.Parse("2001:db8:1:3::1"), null, Ct)).Should().BeNull("another /64");

        await throttle.FailedAsync(IPAddress.Parse("::ffff:192.0.2.7"), "u");
        await throttle.FailedAsync(IPAddress.Parse("192.0.2.7"), "U");
        (await throttle.RetryAfterAsync(IPAddress.Parse("192.0.2.7"), "u", Ct)).Should()
            .NotBeNull("mapped and plain IPv4, and case variants of a name, share a count");
    }

    [Fact]
    public async Task A_name_longer_than_any_user_s_is_counted_under_its_hash()
    {
        var throttle = Throttle(TimeProvider.System, perUser: 2, perAddress: 100, new FailedLoginSweep());
        var address = IPAddress.Parse("192.0.2.8");
        var name = new string('n', 10_000);
        await throttle.FailedAsync(address, name);
        await throttle.FailedAsync(address, name);

        (await throttle.RetryAfterAsync(address, name, Ct)).Should().NotBeNull();
        (await throttle.RetryAfterAsync(address, name + "m", Ct)).Should().BeNull("another name has another hash");
    }

    private LoginThrottle Throttle(TimeProvider clock, int perUser, int perAddress, FailedLoginSweep sweep)
    {
        var options = Options.Create(new AuthOptions { MaxFailedLoginsPerUser = perUser, MaxFailedLoginsPerAddress = perAddress, FailedLoginWindow = Window });
        return new(new FailedLoginStore(Db), sweep, new UnblockedLogins(options, clock), options, clock, NullLogger<LoginThrottle>.Instance);
    }

    private Task<int> CountRowsAsync() => Db.FailedLoginCounts.CountAsync(Ct);
}
