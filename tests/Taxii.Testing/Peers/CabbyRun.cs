using System.Globalization;
using System.Text.RegularExpressions;

namespace Taxii.Testing.Peers;

/// <summary>
/// What one cabby command did. cabby exits 0 even when its request failed, so success is judged by what it logged:
/// no <c>ERROR:</c> line on stderr.
/// </summary>
public sealed partial record CabbyRun(string CommandLine, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The <c>ERROR:</c> lines cabby logged, such as <c>Server Error: NOT_FOUND: ...</c>.</summary>
    public IReadOnlyList<string> Errors => [.. Stderr.Split('\n').Where(l => l.Contains(" ERROR: ", StringComparison.Ordinal)).Select(l => l.Trim())];

    public bool Succeeded => ExitCode == 0 && Errors.Count == 0;

    /// <summary>"N blocks polled" (taxii-poll), or null when it said nothing of the kind.</summary>
    public int? BlocksPolled => PolledCount().Match(Stderr) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    /// <summary>Every "Subscription ID: ..." printed (taxii-subscription), in order.</summary>
    public IReadOnlyList<string> SubscriptionIds => [.. SubscriptionId().Matches(Stdout).Select(m => m.Groups[1].Value.Trim())];

    /// <summary>Every subscription "Status: ..." printed (taxii-subscription), in order.</summary>
    public IReadOnlyList<string> Statuses => [.. SubscriptionStatus().Matches(Stdout).Select(m => m.Groups[1].Value.Trim())];

    /// <summary>For assertion messages: the command line and everything it printed.</summary>
    public override string ToString() => $"{CommandLine}\n(exit {ExitCode})\nstdout:\n{Stdout}\nstderr:\n{Stderr}";

    [GeneratedRegex(@"(\d+) blocks polled")]
    private static partial Regex PolledCount();

    [GeneratedRegex(@"Subscription ID: (\S+)")]
    private static partial Regex SubscriptionId();

    [GeneratedRegex(@"^\s*Status: (\S+)", RegexOptions.Multiline)]
    private static partial Regex SubscriptionStatus();
}
