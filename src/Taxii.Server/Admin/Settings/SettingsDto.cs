namespace Taxii.Server.Admin.Settings;

/// <summary>Limits in bytes; whitelists as absolute directories (empty: no mount-point access).</summary>
public sealed record SettingsDto(long MaxBlobSize, long MaxUploadedBlobSize, IReadOnlyList<string> PollAllowedDirectories, IReadOnlyList<string> PushAllowedDirectories);
