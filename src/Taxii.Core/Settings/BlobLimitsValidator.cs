using Microsoft.Extensions.Options;

namespace Taxii.Core.Settings;

/// <summary>Each failure names the setting, its bounds and the value given, so one log line says what to fix.</summary>
internal sealed class BlobLimitsValidator : IValidateOptions<BlobLimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, BlobLimitsOptions options)
    {
        var failures = new List<string>();
        if (options.MaxBlobSize is <= 0 or > BlobLimitsOptions.HardCap)
        {
            failures.Add(OutOfRange("MaxBlobSize", options.MaxBlobSize));
        }

        if (options.MaxUploadedBlobSize is { } upload && upload is <= 0 or > BlobLimitsOptions.HardCap)
        {
            failures.Add(OutOfRange("MaxUploadedBlobSize", upload));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string OutOfRange(string setting, long value) =>
        $"{BlobLimitsOptions.SectionName}:{setting} must be between 1 and {BlobLimitsOptions.HardCap} bytes (100 MiB); got {value}";
}
