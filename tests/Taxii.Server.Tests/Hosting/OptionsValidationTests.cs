using FluentAssertions;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Taxii.Core.Settings;
using Taxii.Testing;

namespace Taxii.Server.Tests.Hosting;

public sealed class OptionsValidationTests(TaxiiAppFactory app) : IClassFixture<TaxiiAppFactory>
{
    public static TheoryData<string, string, string> BadSettings => new()
    {
        { "Taxii:Limits:MaxBlobSize", "0", "Taxii:Limits:MaxBlobSize must be between 1 and 104857600 bytes (100 MiB); got 0" },
        { "Taxii:Limits:MaxBlobSize", "-5", "Taxii:Limits:MaxBlobSize must be between 1 and 104857600 bytes (100 MiB); got -5" },
        { "Taxii:Limits:MaxBlobSize", "104857601", "Taxii:Limits:MaxBlobSize must be between 1 and 104857600 bytes (100 MiB); got 104857601" },
        { "Taxii:Limits:MaxUploadedBlobSize", "0", "Taxii:Limits:MaxUploadedBlobSize must be between 1 and 104857600 bytes (100 MiB); got 0" },
        { "Taxii:Limits:MaxUploadedBlobSize", "209715200", "Taxii:Limits:MaxUploadedBlobSize must be between 1 and 104857600 bytes (100 MiB); got 209715200" },
        { "Taxii:MountPoints:PollAllowedDirectories:0", "relative/dir", "Taxii:MountPoints:PollAllowedDirectories:0 must be an absolute directory path; got 'relative/dir'" },
        { "Taxii:MountPoints:PushAllowedDirectories:0", "../up", "Taxii:MountPoints:PushAllowedDirectories:0 must be an absolute directory path; got '../up'" },
        { "Taxii:Jobs:WorkerCount", "0", "Taxii:Jobs:WorkerCount must be between 1 and 100" },
        { "Taxii:Subscriptions:PushAllowedNetworks:0", "10.0.0.1/33", "Taxii:Subscriptions:PushAllowedNetworks:0 must be a network in CIDR notation, such as 10.20.0.0/16; got '10.0.0.1/33'" },
        { "Taxii:Database:PasswordFile", "/nonexistent/taxii-db-password", "Taxii:Database:PasswordFile '/nonexistent/taxii-db-password' cannot be read: Could not find a part of the path '/nonexistent/taxii-db-password'." },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task Bad_setting_stops_the_host_with_one_line_naming_it(string key, string value, string message)
    {
        var database = await PostgresServer.CreateDatabaseAsync(cancellationToken: TestContext.Current.CancellationToken);
        var workDir = TempDirectory.Create("taxii-options");

        var (exitCode, output) = await ServerProcess.RunAsync([$"--{key}={value}", "--urls=http://127.0.0.1:0"], workDir,
            new Dictionary<string, string?> { ["ConnectionStrings__Taxii"] = database });

        exitCode.Should().Be(1);
        output.Where(line => line.Contains(key, StringComparison.Ordinal)).Should().ContainSingle()
            .Which.Should().EndWith("Taxii stopped: " + message);
        output.Should().NotContain(line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal), "a configuration mistake is no crash");
    }

    [Fact]
    public void Upload_limit_defaults_to_half_the_blob_limit()
    {
        using var host = app.WithWebHostBuilder(b => b.UseSetting("Taxii:Limits:MaxBlobSize", "1048576"));

        var limits = host.Services.GetRequiredService<IOptions<BlobLimitsOptions>>().Value;

        limits.MaxBlobSize.Should().Be(1048576);
        limits.UploadLimit.Should().Be(524288);
    }

    [Fact]
    public void Defaults_are_20_MiB_and_10_MiB_with_no_mount_point_access()
    {
        var limits = app.Services.GetRequiredService<IOptions<BlobLimitsOptions>>().Value;
        var mounts = app.Services.GetRequiredService<IOptions<MountPointOptions>>().Value;

        limits.MaxBlobSize.Should().Be(20L * 1024 * 1024);
        limits.UploadLimit.Should().Be(10L * 1024 * 1024);
        mounts.PollAllowedDirectories.Should().BeEmpty();
        mounts.PushAllowedDirectories.Should().BeEmpty();
        mounts.TryResolvePollPath("/tmp/anything", out _).Should().BeFalse();
    }

    [Fact]
    public void Kestrel_body_limit_follows_the_blob_limit_plus_envelope()
    {
        var kestrel = app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;

        kestrel.Limits.MaxRequestBodySize.Should().Be(20L * 1024 * 1024 + BlobLimitsOptions.EnvelopeOverhead);
    }
}
