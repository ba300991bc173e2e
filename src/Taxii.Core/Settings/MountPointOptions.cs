using System.Diagnostics.CodeAnalysis;

namespace Taxii.Core.Settings;

/// <summary>
/// Directories that mount-point feeds may read from (poll) and write to (push), <c>Taxii:MountPoints</c>.
/// Empty lists (the default) mean no mount-point access at all.
/// </summary>
public sealed class MountPointOptions
{
    public const string SectionName = "Taxii:MountPoints";

    public List<string> PollAllowedDirectories { get; set; } = [];

    public List<string> PushAllowedDirectories { get; set; } = [];

    public bool TryResolvePollPath(string path, [NotNullWhen(true)] out string? fullPath) =>
        WhitelistedPath.TryResolve(PollAllowedDirectories, path, out fullPath);

    public bool TryResolvePushPath(string path, [NotNullWhen(true)] out string? fullPath) =>
        WhitelistedPath.TryResolve(PushAllowedDirectories, path, out fullPath);
}
