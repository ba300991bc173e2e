using System.Diagnostics;
using System.Runtime.InteropServices;
using Xunit;

namespace Taxii.Testing.Peers;

/// <summary>
/// What the daemons tests run in the foreground (sshd, rsyslogd, vsftpd, aiosmtpd, dovecot) share: whether this machine
/// can run them, stopping by PID, and their folder.
/// </summary>
internal static partial class ForegroundServer
{
    /// <summary>Why a server cannot run here: its program (from a Debian package) is missing; null when it is there.</summary>
    public static string? Missing(string path, string package) =>
        File.Exists(path) || System.IO.Directory.Exists(path) ? null : $"{path} is missing: install Debian's {package} (.ci/run does)";

    /// <summary>
    /// For a test class's constructor: skips the class's tests when its server could not start on this machine (as the
    /// tests of reference material do), but fails them under CI=true, where <c>.ci/run</c> installs every server.
    /// </summary>
    public static void Require(string? unavailable)
    {
        if (unavailable is null)
        {
            return;
        }

        if (ReferenceMaterial.IsCi)
        {
            throw new InvalidOperationException("CI=true but " + unavailable);
        }

        Assert.Skip(unavailable);
    }

    /// <summary>SIGTERM to the PID, up to 10 s to exit, then SIGKILL; then its temporary folder goes.</summary>
    public static async Task StopAsync(Process? process, string directory)
    {
        if (process is not null)
        {
            if (!process.HasExited)
            {
                _ = Kill(process.Id, 15);
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync(CancellationToken.None);
                }
            }

            process.Dispose();
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temporary folder is not worth failing a test for
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
