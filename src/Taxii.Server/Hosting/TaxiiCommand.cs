namespace Taxii.Server.Hosting;

/// <summary>What the command line asks for: a verb, its own options, and the rest for host configuration.</summary>
internal sealed record TaxiiCommand(string Verb, IReadOnlyDictionary<string, string?> Options, string[] HostArgs)
{
    public const string Run = "run";
    public const string Migrate = "migrate";
    public const string AdminCreate = "admin create";
    public const string Health = "health";
    public const string Help = "help";

    public const string HelpText = """
        Taxii: a TAXII 1.1/1.0 server and threat-intelligence feed platform.

        Usage:
          Taxii.Server [run] [--Setting:Path=value ...]     run the server (the default)
          Taxii.Server migrate [--Setting:Path=value ...]   apply database migrations, then exit
          Taxii.Server admin create --name NAME [--email EMAIL] [--password-stdin]
                                                            create an administrator, then exit; the password is read
                                                            from standard input with --password-stdin, otherwise from
                                                            the TAXII_ADMIN_PASSWORD environment variable
          Taxii.Server health [--live] [--urls URL]         ask a running server on this machine whether it is ready
                                                            (--live: whether it is up at all); exit 0 if so, else 1.
                                                            The address is the server's own (Urls),
                                                            for container health checks without curl
          Taxii.Server --help                               show this text

        Settings come from appsettings.json, environment variables (Taxii__Limits__MaxBlobSize=...) and the command line
        (--Taxii:Limits:MaxBlobSize=...). Without ConnectionStrings:Taxii the server starts its own PostgreSQL from the
        machine's binaries, with its data in /var/lib/taxii/pgdata as root, else ~/.local/share/taxii/pgdata
        (Taxii:EmbeddedPostgres:DataDirectory).
        The settings are listed in README.md.
        """;

    private static readonly HashSet<string> VerbOptions = ["--name", "--email", "--password-stdin", "--live"];

    private static readonly HashSet<string> FlagOptions = ["--password-stdin", "--live"];

    public string? Option(string name) => Options.TryGetValue(name, out var value) ? value : null;

    /// <summary>Parses the verb; returns null with an error for a command line that cannot mean anything.</summary>
    public static TaxiiCommand? Parse(string[] args, out string? error)
    {
        error = null;
        if (args.Any(a => a is "--help" or "-h" or "help"))
        {
            return new TaxiiCommand(Help, new Dictionary<string, string?>(), []);
        }

        var (verb, rest) = args switch
        {
            ["run", .. var r] => (Run, r),
            ["migrate", .. var r] => (Migrate, r),
            ["admin", "create", .. var r] => (AdminCreate, r),
            ["health", .. var r] => (Health, r),
            ["admin", ..] => (null, args),
            [var first, ..] when !first.StartsWith('-') => (null, args),
            _ => (Run, args),
        };
        if (verb is null)
        {
            error = $"Unknown command '{string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')))}'. Run with --help for usage.";
            return null;
        }

        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        var hostArgs = new List<string>();
        for (var i = 0; i < rest.Length; i++)
        {
            if (verb is AdminCreate or Health && VerbOptions.Contains(rest[i]))
            {
                var takesValue = !FlagOptions.Contains(rest[i]);
                if (takesValue && (i + 1 >= rest.Length || rest[i + 1].StartsWith("--", StringComparison.Ordinal)))
                {
                    error = $"{rest[i]} needs a value";
                    return null;
                }

                options[rest[i]] = takesValue ? rest[++i] : "true";
            }
            else
            {
                hostArgs.Add(rest[i]);
            }
        }

        if (verb == AdminCreate && string.IsNullOrWhiteSpace(options.GetValueOrDefault("--name")))
        {
            error = "admin create needs --name NAME";
            return null;
        }

        return new TaxiiCommand(verb, options, [.. hostArgs]);
    }
}
