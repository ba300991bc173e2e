using FluentAssertions;
using Microsoft.AspNetCore.DataProtection;
using Taxii.Feeds.Secrets;
using Taxii.Feeds.Transports;
using Taxii.Testing;

namespace Taxii.Feeds.Tests.Transports;

/// <summary>Real Data Protection over a key ring in a directory of the test's own.</summary>
public sealed class FeedSecretsTests
{
    private readonly FeedSecrets _secrets = new(DataProtectionProvider.Create(new DirectoryInfo(TempDirectory.Create("feed-keys"))));

    [Fact]
    public void A_secret_round_trips_and_is_not_stored_as_it_is()
    {
        var stored = _secrets.Protect("s3cret password");

        stored.Should().NotContain("s3cret");
        _secrets.Unprotect(stored).Should().Be("s3cret password");
    }

    [Fact]
    public void A_tampered_secret_gives_the_clear_error()
    {
        var stored = _secrets.Protect("s3cret password");
        var tampered = stored[..^4] + (stored[^4] == 'A' ? 'B' : 'A') + stored[^3..];

        var unprotect = () => _secrets.Unprotect(tampered);

        unprotect.Should().Throw<FeedDeliveryException>().WithMessage("The stored secret cannot be decrypted: were the Data Protection keys lost?*");
    }

    [Fact]
    public void A_secret_written_with_lost_keys_gives_the_clear_error()
    {
        var other = new FeedSecrets(DataProtectionProvider.Create(new DirectoryInfo(TempDirectory.Create("other-keys"))));

        var unprotect = () => _secrets.Unprotect(other.Protect("s3cret password"));

        unprotect.Should().Throw<FeedDeliveryException>().WithMessage("The stored secret cannot be decrypted*");
    }
}
