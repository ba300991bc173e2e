using System.Diagnostics;
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

    /// <summary>The text under a <c>###</c> heading, up to the next <c>##</c> or <c>###</c> heading (a shell comment is not one).</summary>
    public static string Subsection(string markdown, string heading)
    {
        var start = markdown.IndexOf("\n### " + heading + "\n", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException($"no section '### {heading}'");
        }

        var ends = new[] { "\n## ", "\n### " }.Select(h => markdown.IndexOf(h, start + 1, StringComparison.Ordinal)).Where(i => i >= 0).ToList();
        return ends.Count == 0 ? markdown[start..] : markdown[start..ends.Min()];
    }

    /// <summary>
    /// Runs <paramref name="blocks"/> as one bash script with <c>set -euo pipefail</c> (the first failing command ends
    /// it), with <paramref name="environment"/> on top of this process's; <paramref name="configure"/> may adjust the
    /// process further.
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(
        IEnumerable<string> blocks, IReadOnlyDictionary<string, string> environment, string? workingDirectory = null,
        Action<ProcessStartInfo>? configure = null)
    {
        var info = new ProcessStartInfo("bash", ["-c", "set -euo pipefail\n" + string.Join("\n", blocks)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        configure?.Invoke(info);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var bash = Process.Start(info) ?? throw new InvalidOperationException("could not start bash");
        var output = bash.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = bash.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await bash.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (bash.ExitCode, await output, await errors);
    }

    /// <summary>The page's ```sh blocks, in order.</summary>
    public static IReadOnlyList<string> ShellBlocks(string markdown) => [.. ShellBlock().Matches(markdown).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("```sh\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();
}
