using FluentAssertions;
using Taxii.Core.Settings;

namespace Taxii.Core.Tests.Settings;

public sealed class BlobLimitsValidatorTests
{
    [Theory]
    [InlineData(1L, null)]
    [InlineData(BlobLimitsOptions.HardCap, BlobLimitsOptions.HardCap)]
    [InlineData(20L * 1024 * 1024, 1L)]
    public void Limits_within_1_byte_and_100_MiB_pass(long maxBlob, long? maxUpload)
    {
        var result = new BlobLimitsValidator().Validate(null, new BlobLimitsOptions { MaxBlobSize = maxBlob, MaxUploadedBlobSize = maxUpload });

        result.Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Both_failures_are_reported_together()
    {
        var result = new BlobLimitsValidator().Validate(null, new BlobLimitsOptions { MaxBlobSize = 0, MaxUploadedBlobSize = BlobLimitsOptions.HardCap + 1 });

        result.Failures.Should().HaveCount(2);
        result.Failures!.Should().Contain(f => f.StartsWith("Taxii:Limits:MaxBlobSize", StringComparison.Ordinal));
        result.Failures!.Should().Contain(f => f.StartsWith("Taxii:Limits:MaxUploadedBlobSize", StringComparison.Ordinal));
    }

    [Fact]
    public void Request_body_limit_leaves_room_for_the_envelope()
    {
        new BlobLimitsOptions { MaxBlobSize = 1000 }.MaxRequestBodySize.Should().Be(1000 + BlobLimitsOptions.EnvelopeOverhead);
    }
}
