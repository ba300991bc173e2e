using System.Text.RegularExpressions;

namespace Taxii.Server.Tests;

/// <summary>The repository's documentation pages, whose ```sh blocks tests run as written.</summary>
internal static partial class DocPages
{
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Taxii.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Taxii.sln not found above the test binaries");
    }

    /// <summary>A page under docs/, such as <c>api.md</c>.</summary>
    public static Task<string> ReadAsync(string page, CancellationToken cancellationToken) =>
        File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "docs", page), cancellationToken);

    /// <summary>The part of a page under a level-two <paramref name="heading"/> (such as <c>With cabby</c>), up to the next one.</summary>
    public static string Section(string markdown, string heading)
    {
        var start = markdown.IndexOf("\n## " + heading + "\n", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException($"no section '## {heading}'");
        }

        var end = markdown.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? markdown[start..] : markdown[start..end];
    }

    /// <summary>The page's ```sh blocks, in order.</summary>
    public static IReadOnlyList<string> ShellBlocks(string markdown) => [.. ShellBlock().Matches(markdown).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("```sh\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();
}
