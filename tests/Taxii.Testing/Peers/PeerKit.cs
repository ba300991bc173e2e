using System.Diagnostics;
using Xunit;

namespace Taxii.Testing.Peers;

/// <summary>
/// The real third-party TAXII programs in <c>../shared/peers</c> (cabby and libtaxii as clients, OpenTAXII as a server),
/// run from their wrappers as child processes. Like all reference material, absent from a user's clone: tests that
/// use them skip with a reason there, and fail under <c>CI=true</c>. Also skipped (failed under CI) when the kit is
/// there but its Debian packages are not: <c>../shared/peers/setup.sh</c> installs them, and <c>.ci/run</c> runs it.
/// </summary>
public static class PeerKit
{
    private static readonly Lazy<string?> Missing = new(FindMissingPackages);

    // one bytecode folder for every wrapper of this test run: the first run compiles, the others start faster
    private static readonly Lazy<string> Home = new(() => TempDirectory.Create("taxii-peers"));

    /// <summary>The kit's folder; skips (or fails under CI) when it or its Debian packages are missing.</summary>
    public static string Require()
    {
        var kit = ReferenceMaterial.Require("peers");
        if (Missing.Value is { } missing)
        {
            var reason = $"the TAXII peers kit needs Debian packages that are not installed ({missing}): run ../shared/peers/setup.sh";
            if (ReferenceMaterial.IsCi)
            {
                throw new InvalidOperationException("CI=true but " + reason);
            }

            Assert.Skip(reason);
        }

        return kit;
    }

    /// <summary>A wrapper of the kit's <c>bin/</c> folder, such as <c>taxii-poll</c> or <c>opentaxii-run</c>.</summary>
    public static string Program(string name) => Path.Combine(Require(), "bin", name);

    /// <summary>The kit's <c>bin/</c> folder, for a PATH that finds cabby's commands by their own names.</summary>
    public static string BinDirectory => Path.Combine(Require(), "bin");

    /// <summary>The environment every wrapper runs with: a shared bytecode folder, no colour codes in pipes.</summary>
    public static void Configure(ProcessStartInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.Environment["PEERS_HOME"] = Home.Value;
        info.Environment["NO_COLOR"] = "1";
        info.Environment.Remove("FORCE_COLOR");
        info.Environment.Remove("PEERS_STRICT");
    }

    private static string? FindMissingPackages()
    {
        var setup = Path.Combine(ReferenceMaterial.Require("peers"), "setup.sh");
        var info = new ProcessStartInfo("bash", [setup, "--check"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var check = Process.Start(info) ?? throw new InvalidOperationException("could not start bash");
        var output = check.StandardOutput.ReadToEnd() + check.StandardError.ReadToEnd();
        check.WaitForExit();
        return check.ExitCode == 0 ? null : output.Trim();
    }
}
