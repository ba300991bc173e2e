namespace Taxii.Persistence.Embedded;

/// <summary>
/// The PostgreSQL server the host starts itself when no <c>ConnectionStrings:Taxii</c> is configured
/// (<c>Taxii:EmbeddedPostgres</c>).
/// </summary>
public sealed class EmbeddedPostgresOptions
{
    public const string SectionName = "Taxii:EmbeddedPostgres";

    /// <summary>
    /// Where the cluster lives; initialised on first start, reused afterwards. A relative path is taken from the working
    /// directory; unset: <see cref="DefaultDataDirectory"/>, the same wherever the server was started.
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>
    /// <c>/var/lib/taxii/pgdata</c> for root (a place the server's own user can reach, unlike <c>/root</c>), otherwise
    /// <c>$XDG_DATA_HOME/taxii/pgdata</c> (by default <c>~/.local/share/taxii/pgdata</c>).
    /// </summary>
    public static string DefaultDataDirectory()
    {
        if (NativeMethods.IsRoot)
        {
            return "/var/lib/taxii/pgdata";
        }

        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrEmpty(dataHome) || !Path.IsPathRooted(dataHome))
        {
            dataHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }

        return Path.Combine(dataHome, "taxii", "pgdata");
    }

    /// <summary>Folder with <c>initdb</c> and <c>postgres</c>; unset means PATH, then the usual install folders.</summary>
    public string? BinDirectory { get; set; }

    /// <summary>Loopback port; 0 picks a free one at each start.</summary>
    public int Port { get; set; }

    /// <summary>The database the host uses; created when missing.</summary>
    public string Database { get; set; } = "taxii";

    /// <summary>
    /// PostgreSQL refuses to run as root: when the host runs as root, the server runs as this user,
    /// which owns the data directory.
    /// </summary>
    public string RunAsUser { get; set; } = "postgres";

    public int StartTimeoutSeconds { get; set; } = 60;
}
