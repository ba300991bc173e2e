namespace Taxii.Testing;

public static class TempDirectory
{
    /// <summary>
    /// A new directory under the system temp folder that other users may traverse: as root, the embedded
    /// PostgreSQL runs as the postgres user and must reach its data directory inside.
    /// </summary>
    public static string Create(string prefix)
    {
        var directory = Directory.CreateTempSubdirectory(prefix + "-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory,
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        return directory;
    }
}
