using System.Runtime.InteropServices;

namespace Taxii.Persistence.Embedded;

internal static partial class NativeMethods
{
    /// <summary>SIGINT asks the postmaster for a fast shutdown: sessions end, the checkpoint is written.</summary>
    public const int SigInt = 2;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint GetEffectiveUserId();

    public static bool IsRoot => OperatingSystem.IsLinux() && GetEffectiveUserId() == 0;

    /// <summary>Signal 0 checks that a process exists without touching it.</summary>
    public static bool IsAlive(int pid) => Kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() == 1 /* EPERM */;
}
