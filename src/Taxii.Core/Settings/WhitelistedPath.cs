using System.Diagnostics.CodeAnalysis;

namespace Taxii.Core.Settings;

/// <summary>Resolves a path and accepts it only when it lies inside one of the allowed directories.</summary>
public static class WhitelistedPath
{
    /// <summary>
    /// Compares fully resolved paths: <c>..</c> segments are collapsed and symbolic links followed (for every
    /// existing ancestor), so neither can lead outside the whitelist.
    /// </summary>
    public static bool TryResolve(IEnumerable<string> allowedDirectories, string path, [NotNullWhen(true)] out string? fullPath)
    {
        fullPath = null;
        if (string.IsNullOrWhiteSpace(path) || !Path.IsPathFullyQualified(path))
        {
            return false;
        }

        var resolved = ResolveLinks(Path.GetFullPath(path));
        foreach (var allowed in allowedDirectories)
        {
            if (!Path.IsPathFullyQualified(allowed))
            {
                continue;
            }

            var root = ResolveLinks(Path.GetFullPath(allowed)).TrimEnd(Path.DirectorySeparatorChar);
            if (resolved == root || resolved.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                fullPath = resolved;
                return true;
            }
        }

        return false;
    }

    /// <summary>Follows symbolic links on the existing part of the path; the rest is kept as it is.</summary>
    private static string ResolveLinks(string fullPath)
    {
        var root = Path.GetPathRoot(fullPath) ?? "/";
        var current = root;
        var parts = fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (!info.Exists)
            {
                // nothing below a missing entry can be a link: append the rest unchanged
                return Path.Combine([next, .. parts[(i + 1)..]]);
            }

            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            current = target is null ? next : Path.GetFullPath(target.FullName);
        }

        return current;
    }
}
