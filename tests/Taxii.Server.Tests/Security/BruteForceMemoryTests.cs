using System.Net;
using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Taxii.Server.Auth;

namespace Taxii.Server.Tests.Security;

/// <summary>
/// The failed-login counts under a flood of distinct addresses and names: memory stays bounded, blocks already in
/// place hold, and room comes back when windows end. On the throttle itself: a flood over HTTP would pay a password
/// hash per attempt and take minutes.
/// </summary>
public sealed class BruteForceMemoryTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    [Fact]
    public void A_flood_of_distinct_addresses_and_names_stays_bounded_and_keeps_existing_blocks()
    {
        var clock = new ShiftedClock();
        var throttle = new LoginThrottle(Options.Create(new AuthOptions { MaxFailedLoginsPerUser = 2, MaxFailedLoginsPerAddress = 10, FailedLoginWindow = Window }),
            clock, NullLogger<LoginThrottle>.Instance);
        var attacker = IPAddress.Parse("192.0.2.1");
        for (var i = 0; i < 10; i++)
        {
            throttle.Failed(attacker, "victim");
        }

        for (var i = 0; i < LoginThrottle.MaxTrackedKeys; i++)
        {
            throttle.Failed(new IPAddress(0x0A000000u + (uint)i), "name-" + i);
        }

        throttle.TrackedKeys.Should().BeLessThanOrEqualTo(LoginThrottle.MaxTrackedKeys);
        throttle.RetryAfter(attacker, "anyone").Should().NotBeNull("a block in place survives the flood");
        throttle.RetryAfter(attacker, null).Should().NotBeNull();

        clock.Advance(Window + TimeSpan.FromSeconds(2));
        var late = IPAddress.Parse("198.51.100.9");
        throttle.Failed(late, "x");
        throttle.Failed(late, "x");
        throttle.RetryAfter(late, "x").Should().NotBeNull("ended windows were swept to make room for new counts");
        throttle.TrackedKeys.Should().BeLessThan(10);
    }

    [Fact]
    public void IPv6_clients_count_per_64_prefix_and_mapped_IPv4_as_IPv4()
    {
        var throttle = new LoginThrottle(Options.Create(new AuthOptions { MaxFailedLoginsPerUser = 2, MaxFailedLoginsPerAddress = 3, FailedLoginWindow = Window }),
            TimeProvider.System, NullLogger<LoginThrottle>.Instance);
        for (var i = 1; i <= 3; i++)
        {
            throttle.Failed(IPAddress.Parse($"2001:db8:1:2::{i:x}"), null);
        }

        throttle.RetryAfter(IPAddress.Parse("2001:db8:1:2:ffff::1"), null).Should().NotBeNull("same /64");
        throttle.RetryAfter(IPAddress.Parse("2001:db8:1:3::1"), null).Should().BeNull("another /64");

        throttle.Failed(IPAddress.Parse("::ffff:192.0.2.7"), "u");
        throttle.Failed(IPAddress.Parse("192.0.2.7"), "U");
        throttle.RetryAfter(IPAddress.Parse("192.0.2.7"), "u").Should().NotBeNull("mapped and plain IPv4, and case variants of a name, share a count");
    }
}
