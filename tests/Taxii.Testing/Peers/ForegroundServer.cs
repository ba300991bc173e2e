using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Taxii.Testing.Peers;

/// <summary>What the daemons tests run in the foreground (sshd, rsyslogd) share: stopping by PID, and their folder.</summary>
internal static partial class ForegroundServer
{
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
