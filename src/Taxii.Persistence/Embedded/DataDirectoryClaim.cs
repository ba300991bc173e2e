using System.Globalization;

namespace Taxii.Persistence.Embedded;

/// <summary>
/// A Taxii process's claim on an embedded data directory, for as long as it runs the PostgreSQL there: an exclusive
/// lock on <c>taxii-host.lock</c> (released by the kernel when the process dies, however it dies) and the process id
/// in <c>taxii-host.pid</c>, so another process can tell a server in use from one left behind by a dead host.
/// </summary>
internal sealed class DataDirectoryClaim : IDisposable
{
    private const string LockFile = "taxii-host.lock";
    private const string PidFile = "taxii-host.pid";

    private readonly FileStream _lock;

    private DataDirectoryClaim(FileStream @lock) => _lock = @lock;

    /// <summary>Claims the directory; null when another live process holds it.</summary>
    public static DataDirectoryClaim? TryTake(string dataDirectory)
    {
        FileStream stream;
        try
        {
            // FileShare.None is an exclusive flock on Unix: a second open, from this process or another, fails
            stream = new FileStream(Path.Combine(dataDirectory, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }

        File.WriteAllText(Path.Combine(dataDirectory, PidFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        return new DataDirectoryClaim(stream);
    }

    /// <summary>The process id the holder wrote, for messages; null when it cannot be read.</summary>
    public static int? Holder(string dataDirectory)
    {
        try
        {
            return int.TryParse(File.ReadAllText(Path.Combine(dataDirectory, PidFile)).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                ? pid
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The port of a live postmaster on the directory (line 4 of <c>postmaster.pid</c>), or null.</summary>
    public static (int ProcessId, int Port)? RunningPostmaster(string dataDirectory)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(Path.Combine(dataDirectory, "postmaster.pid"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return lines.Length >= 4
            && int.TryParse(lines[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && int.TryParse(lines[3], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            && NativeMethods.IsAlive(pid)
            ? (pid, port)
            : null;
    }

    public void Dispose() => _lock.Dispose();
}
