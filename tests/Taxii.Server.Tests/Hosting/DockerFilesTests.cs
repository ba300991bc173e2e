using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.Extensions.FileSystemGlobbing;
using Npgsql;
using Taxii.Testing;

namespace Taxii.Server.Tests.Hosting;

/// <summary>
/// docker/ cannot be built here (no Docker engine), so what it says is exercised outside Docker: the build context its
/// .dockerignore leaves, the Dockerfile's own RUN, ENV, ENTRYPOINT and HEALTHCHECK commands on a copy of that context,
/// and the compose files through docker-compose's own validation.
/// </summary>
public sealed partial class DockerFilesTests
{
    private static readonly string Root = DocPages.RepositoryRoot();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_build_context_holds_the_sources_and_nothing_built_or_stored_locally()
    {
        var context = ContextFiles();

        context.Should().Contain("src/Taxii.Server/Taxii.Server.csproj").And.Contain("Directory.Packages.props").And.Contain("global.json");
        context.Should().NotContain(f => f.Contains("/bin/") || f.Contains("/obj/") || f.StartsWith("bin/") || f.StartsWith("obj/")
            || f.Contains(".taxii/") || f.StartsWith("tests/") || f.StartsWith(".git/") || f.Contains("/secrets/"));
        foreach (var source in Dockerfile().Where(i => i.Instruction == "COPY" && !i.Arguments.StartsWith("--from", StringComparison.Ordinal))
            .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1]))
        {
            context.Should().Contain(f => f == source || f.StartsWith(source.TrimEnd('/') + "/", StringComparison.Ordinal), $"COPY {source} finds it in the context");
        }
    }

    [Fact]
    public async Task The_images_commands_publish_start_and_report_health_outside_Docker()
    {
        var instructions = Dockerfile();
        var context = TempDirectory.Create("docker-context");
        foreach (var file in ContextFiles())
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(context, file))!);
            File.Copy(Path.Combine(Root, file), Path.Combine(context, file));
        }

        // the build stage's RUN lines, in the context copy (WORKDIR /src), publishing where the image takes /app from
        var app = TempDirectory.Create("docker-app");
        foreach (var run in instructions.TakeWhile(i => !(i.Instruction == "FROM" && i.Arguments.Contains("aspnet", StringComparison.Ordinal)))
            .Where(i => i.Instruction == "RUN"))
        {
            var (exitCode, output) = await ShellAsync(run.Arguments.Replace(" /app", " " + app, StringComparison.Ordinal), context);
            exitCode.Should().Be(0, $"RUN {run.Arguments}\n{output}");
        }

        File.Exists(Path.Combine(app, "Taxii.Server.dll")).Should().BeTrue();
        var environment = Environment(instructions);
        var urls = environment["Urls"]!;
        urls.Should().StartWith("http://+:");
        var port = ServerProcess.FreeTcpPort();
        environment["Urls"] = "http://+:" + port; // the image's form, on a port free here
        var (connectionString, passwordFile) = await DatabaseWithOwnRoleAsync();
        environment["ConnectionStrings__Taxii"] = connectionString;
        environment["Taxii__Database__PasswordFile"] = passwordFile;
        var entrypoint = ExecForm(instructions.Single(i => i.Instruction == "ENTRYPOINT").Arguments);
        var health = ExecForm(HealthCheckCommand().Match(instructions.Single(i => i.Instruction == "HEALTHCHECK").Arguments).Groups[1].Value);

        var (before, beforeOutput) = await ServerProcess.RunAsync([], app, environment, command: health);
        before.Should().Be(1, "nothing listens yet: " + string.Join('\n', beforeOutput));

        await using var server = ServerProcess.Start([], app, environment, command: entrypoint);
        await server.WaitUntilHealthyAsync(new Uri($"http://127.0.0.1:{port}/health/ready"), TimeSpan.FromSeconds(90));
        var (ready, readyOutput) = await ServerProcess.RunAsync([], app, environment, command: health);
        var (live, _) = await ServerProcess.RunAsync(["--live"], app, environment, command: health);

        ready.Should().Be(0, string.Join('\n', readyOutput));
        readyOutput.Should().ContainSingle().Which.Should().Be($"http://localhost:{port}/health/ready: 200 healthy");
        live.Should().Be(0);
        server.Interrupt();
        await server.WaitForExitAsync(TimeSpan.FromSeconds(60));
        server.ExitCode.Should().Be(0, string.Join('\n', server.Output));
        server.Output.Should().NotBeEmpty().And.OnlyContain(line => IsJson(line), "Taxii__Logging__Json=true: one JSON object per line");
        var password = (await File.ReadAllTextAsync(passwordFile, Ct)).Trim();
        server.Output.Should().NotContain(line => line.Contains(password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_compose_files_are_valid_and_carry_no_password()
    {
        Assert.SkipUnless(File.Exists("/usr/bin/docker-compose") || ReferenceMaterial.IsCi,
            "docker-compose is not installed (apt-get install docker-compose); .ci/run installs it");
        var docker = TempDirectory.Create("docker-files");
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "docker"), "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/secrets/", StringComparison.Ordinal)))
        {
            var target = Path.Combine(docker, Path.GetRelativePath(Path.Combine(Root, "docker"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var (made, madeOutput) = await ShellAsync("./make-secrets.sh secrets postgres-password taxii-db-password && "
            + "./make-secrets.sh platform-to-platform/secrets alice-postgres-password alice-db-password barbara-postgres-password barbara-db-password", docker);
        made.Should().Be(0, madeOutput);
        File.ReadAllText(Path.Combine(docker, "secrets", "taxii-db-password")).Should().MatchRegex("^[0-9a-f]{48}$");

        foreach (var compose in new[] { "compose.yaml", "platform-to-platform/compose.yaml" })
        {
            var text = await File.ReadAllTextAsync(Path.Combine(docker, compose), Ct);
            var settings = string.Join('\n', text.Split('\n').Where(line => !line.TrimStart().StartsWith('#')));
            PasswordValue().Matches(settings).Should().BeEmpty($"{compose} names password files only");
            // docker-compose 1.x (Debian's) predates the top-level project name of Compose v2; everything else it checks
            var checkedCopy = Path.Combine(Path.GetDirectoryName(Path.Combine(docker, compose))!, "checked.yaml");
            await File.WriteAllTextAsync(checkedCopy, ProjectName().Replace(text, string.Empty), Ct);
            var (valid, output) = await ShellAsync($"docker-compose -f '{checkedCopy}' config -q", docker);
            valid.Should().Be(0, $"{compose}: {output}");
        }
    }

    /// <summary>The repository files the build context holds: everything but what .dockerignore leaves out.</summary>
    private static IReadOnlyList<string> ContextFiles()
    {
        var matcher = new Matcher();
        matcher.AddInclude("**/*");
        foreach (var pattern in File.ReadAllLines(Path.Combine(Root, ".dockerignore")).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            // a directory pattern leaves out the directory and everything under it
            matcher.AddExclude(pattern.TrimEnd('/'));
            matcher.AddExclude(pattern.TrimEnd('/') + "/**");
        }

        return [.. matcher.GetResultsInFullPath(Root).Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))];
    }

    private static List<(string Instruction, string Arguments)> Dockerfile()
    {
        var logical = new List<string>();
        var current = string.Empty;
        foreach (var line in File.ReadAllLines(Path.Combine(Root, "docker", "Dockerfile")).Where(l => !l.TrimStart().StartsWith('#')))
        {
            current += line.TrimEnd();
            if (current.EndsWith('\\'))
            {
                current = current[..^1] + " ";
                continue;
            }

            if (current.Trim().Length > 0)
            {
                logical.Add(current.Trim());
            }

            current = string.Empty;
        }

        return [.. logical.Select(l => (l.Split(' ', 2)[0].ToUpperInvariant(), l.Split(' ', 2)[1].Trim()))];
    }

    /// <summary>The image's ENV, as the environment of a process.</summary>
    private static Dictionary<string, string?> Environment(IEnumerable<(string Instruction, string Arguments)> instructions) =>
        instructions.Where(i => i.Instruction == "ENV").SelectMany(i => EnvPair().Matches(i.Arguments))
            .ToDictionary(m => m.Groups["name"].Value, m => (string?)m.Groups["value"].Value);

    private static IReadOnlyList<string> ExecForm(string json) => JsonSerializer.Deserialize<string[]>(json)!;

    private static bool IsJson(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>A database owned by a role of its own with a password in a file, as the compose files set Taxii up.</summary>
    private static async Task<(string ConnectionString, string PasswordFile)> DatabaseWithOwnRoleAsync()
    {
        var admin = await PostgresServer.GetAdminConnectionStringAsync(Ct);
        var role = "taxii_docker_" + Guid.NewGuid().ToString("N")[..8];
        var password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(Ct);
            // one statement a command: CREATE DATABASE cannot run inside a batch
            foreach (var statement in new[] { $"CREATE ROLE {role} LOGIN PASSWORD '{password}'", $"CREATE DATABASE {role} OWNER {role}" })
            {
                await using var create = new NpgsqlCommand(statement, connection);
                await create.ExecuteNonQueryAsync(Ct);
            }
        }

        var file = Path.Combine(TempDirectory.Create("docker-secret"), "taxii-db-password");
        await File.WriteAllTextAsync(file, password + "\n", Ct);
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = role, Username = role, Password = null };
        return (builder.ConnectionString, file);
    }

    private static async Task<(int ExitCode, string Output)> ShellAsync(string command, string workingDirectory)
    {
        var info = new ProcessStartInfo("bash", ["-c", command]) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var errors = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, await output + await errors);
    }

    [GeneratedRegex(@"CMD (\[.*\])$")]
    private static partial Regex HealthCheckCommand();

    [GeneratedRegex(@"(?<name>\w+)=(?<value>\S+)")]
    private static partial Regex EnvPair();

    // an environment variable or connection string carrying a password value, rather than naming a file
    [GeneratedRegex(@"(?i)(PASSWORD(?!_?FILE)\w*[ \t]*:[ \t]*[^\s#]|Password=)")]
    private static partial Regex PasswordValue();

    [GeneratedRegex(@"(?m)^name:.*\n")]
    private static partial Regex ProjectName();
}
