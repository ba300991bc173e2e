namespace Taxii.Persistence.Embedded;

/// <summary>Finds the machine's PostgreSQL server binaries.</summary>
internal static class PostgresBinaries
{
    private static readonly string[] InstallRoots = ["/usr/lib/postgresql", "/usr/local/pgsql", "/opt/homebrew/opt"];

    public static string Locate(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var dir = Path.GetFullPath(configured);
            return HasServer(dir)
                ? dir
                : throw new EmbeddedPostgresException(
                    $"Taxii:EmbeddedPostgres:BinDirectory '{dir}' does not contain initdb and postgres.");
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(HasServer);
        if (onPath is not null)
        {
            return onPath;
        }

        // Debian keeps server binaries off PATH, one folder per major version: take the newest
        var installed = InstallRoots.Where(Directory.Exists)
            .SelectMany(root => Directory.EnumerateDirectories(root).Select(v => Path.Combine(v, "bin")))
            .Where(HasServer)
            .OrderByDescending(dir => MajorVersion(dir))
            .FirstOrDefault();
        return installed ?? throw new EmbeddedPostgresException(
            "PostgreSQL server binaries (initdb, postgres) were not found on PATH or in /usr/lib/postgresql/*/bin. "
            + "Install them (Debian/Ubuntu: apt-get install postgresql), or set Taxii:EmbeddedPostgres:BinDirectory, "
            + "or configure ConnectionStrings:Taxii to use an existing PostgreSQL 13 or later.");
    }

    private static bool HasServer(string dir) =>
        File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "postgres"));

    private static int MajorVersion(string binDir) =>
        int.TryParse(Path.GetFileName(Path.GetDirectoryName(binDir)), out var v) ? v : 0;
}
