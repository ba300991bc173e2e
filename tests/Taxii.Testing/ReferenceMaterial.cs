using Xunit;

namespace Taxii.Testing;

/// <summary>
/// Locates the reference material in <c>../shared</c> beside the repository (schemas, samples, checklist).
/// It is never part of a user's clone: tests that need it skip with a clear reason where it is absent,
/// but fail under <c>CI=true</c>, where it must be present.
/// </summary>
public static class ReferenceMaterial
{
    private static readonly Lazy<string?> Root = new(FindRoot);

    /// <summary>The shared folder, or null when it is absent.</summary>
    public static string? SharedDirectory => Root.Value;

    /// <summary>
    /// The full path of <paramref name="relativePath"/> under the shared folder, or null when it is absent outside CI
    /// (under <c>CI=true</c> absence fails), for checks a test adds on top of its own assertions where the material
    /// exists, such as validating every response against the official XSD.
    /// </summary>
    public static string? Optional(string relativePath)
    {
        var root = Root.Value;
        var path = root is null ? null : Path.Combine(root, relativePath);
        return path is not null && (File.Exists(path) || Directory.Exists(path)) ? path
            : IsCi ? throw new InvalidOperationException($"CI=true but reference material '{relativePath}' was not found beside the repository")
            : null;
    }

    /// <summary>The full path of <paramref name="relativePath"/> under the shared folder; skips or fails when absent.</summary>
    public static string Require(string relativePath)
    {
        var root = Root.Value;
        var path = root is null ? null : Path.Combine(root, relativePath);
        if (path is not null && (File.Exists(path) || Directory.Exists(path)))
        {
            return path;
        }

        var reason = $"reference material '{relativePath}' not found: ../shared is not beside the repository "
            + "(it is never part of a user's clone; set TAXII_SHARED_DIR to point at it)";
        if (IsCi)
        {
            throw new InvalidOperationException("CI=true but " + reason);
        }

        Assert.Skip(reason);
        return string.Empty; // not reached: Assert.Skip throws
    }

    /// <summary>Whether this is a CI run (<c>CI=true</c>), where missing reference material fails instead of skipping.</summary>
    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string? FindRoot()
    {
        var configured = Environment.GetEnvironmentVariable("TAXII_SHARED_DIR");
        if (!string.IsNullOrEmpty(configured))
        {
            return Directory.Exists(configured) ? Path.GetFullPath(configured) : null;
        }

        // walk up from the test binaries to the repository root (the folder with Taxii.sln), then look beside it
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Taxii.sln")))
            {
                var shared = Path.Combine(dir.Parent?.FullName ?? dir.FullName, "shared");
                return Directory.Exists(shared) ? shared : null;
            }
        }

        return null;
    }
}
