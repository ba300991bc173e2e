using System.Diagnostics;
using System.Globalization;
using Xunit;

namespace Taxii.Testing.Peers;

/// <summary>
/// A real OpenSSH <c>sshd</c> (Debian's openssh-server) in the foreground on a free loopback port, with a host key
/// and a client key of its own made by <c>ssh-keygen</c> in a temporary folder; stopped by its PID.
/// </summary>
/// <remarks>
/// It lets in only the user the tests run as, only with the client key it made, and only to SFTP
/// (<c>ForceCommand internal-sftp</c>: no shell, no forwarding), on 127.0.0.1, for the life of the fixture. As root
/// that user is root, so the config permits root login by key only. As root it also lets in
/// <see cref="TestSystemUser"/> by password (sshd checks passwords against the machine's accounts), with a new random
/// password per fixture: one such fixture at a time, or they reset each other's password.
/// </remarks>
public sealed class SshServer : IAsyncLifetime
{
    public const string Program = "/usr/sbin/sshd";

    private Process? _process;
    private Task<string>? _log;

    /// <summary>The temporary folder: keys, config, and <see cref="UploadDirectory"/>.</summary>
    public string Directory { get; } = TempDirectory.Create("sshd");

    /// <summary>An empty directory the tests' feeds may upload into.</summary>
    public string UploadDirectory => Path.Combine(Directory, "upload");

    public int Port { get; } = ServerProcess.FreeTcpPort();

    /// <summary>The user the tests run as, the one the server lets in.</summary>
    public string User { get; } = Environment.UserName;

    /// <summary>The account that may log in by password, or null when this process cannot make it (not root).</summary>
    public string? PasswordUser { get; private set; }

    /// <summary><see cref="PasswordUser"/>'s password for the life of the fixture.</summary>
    public string PasswordUserPassword { get; private set; } = "";

    /// <summary>The client's private key (OpenSSH format, no passphrase), as a feed's <c>privateKey</c>.</summary>
    public string ClientPrivateKey { get; private set; } = "";

    /// <summary>The host key's fingerprint as <c>ssh-keygen -l</c> prints it: <c>SHA256:</c> and base64.</summary>
    public string HostKeyFingerprint { get; private set; } = "";

    /// <summary>What sshd wrote to stderr so far is not available until it stopped; this is all of it afterwards.</summary>
    public Task<string> Log => _log ?? Task.FromResult("");

    /// <summary>Why the server could not start on this machine, or null when it runs.</summary>
    public string? Unavailable { get; private set; }

    /// <summary>This server, for a test class's constructor: skips the class's tests when it could not start (fails under CI=true).</summary>
    public SshServer Required()
    {
        ForegroundServer.Require(Unavailable);
        return this;
    }

    public async ValueTask InitializeAsync()
    {
        Unavailable = ForegroundServer.Missing(Program, "openssh-server");
        if (Unavailable is not null)
        {
            return;
        }

        System.IO.Directory.CreateDirectory(UploadDirectory);
        var hostKey = Path.Combine(Directory, "ssh_host_ed25519_key");
        var clientKey = Path.Combine(Directory, "client_ed25519");
        await RunAsync("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "taxii-test-host", "-f", hostKey);
        await RunAsync("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "taxii-test-client", "-f", clientKey);
        ClientPrivateKey = await File.ReadAllTextAsync(clientKey);
        File.Copy(clientKey + ".pub", Path.Combine(Directory, "authorized_keys"));
        // "256 SHA256:… comment (ED25519)"
        HostKeyFingerprint = (await RunAsync("/usr/bin/ssh-keygen", "-l", "-E", "sha256", "-f", hostKey + ".pub")).Split(' ')[1];

        if (TestSystemUser.Available)
        {
            PasswordUser = TestSystemUser.Name;
            PasswordUserPassword = await TestSystemUser.NewPasswordAsync();
        }

        var config = Path.Combine(Directory, "sshd_config");
        await File.WriteAllTextAsync(config, $"""
            ListenAddress 127.0.0.1
            Port {Port.ToString(CultureInfo.InvariantCulture)}
            HostKey {hostKey}
            PidFile none
            UsePAM no
            AllowUsers {User} {PasswordUser}
            PermitRootLogin prohibit-password
            PubkeyAuthentication yes
            PasswordAuthentication {(PasswordUser is null ? "no" : "yes")}
            KbdInteractiveAuthentication no
            AuthorizedKeysFile {Path.Combine(Directory, "authorized_keys")}
            StrictModes no
            Subsystem sftp internal-sftp
            ForceCommand internal-sftp
            AllowTcpForwarding no
            AllowAgentForwarding no
            X11Forwarding no
            PermitTTY no
            LogLevel VERBOSE
            """);
        if (Environment.UserName == "root")
        {
            // privilege separation needs it; Debian's package makes it only when its service starts
            System.IO.Directory.CreateDirectory("/run/sshd");
        }

        var info = new ProcessStartInfo(Program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-D", "-e", "-f", config })
        {
            info.ArgumentList.Add(argument);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("could not start sshd");
        _ = _process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var early = new System.Text.StringBuilder();
        while (await _process.StandardError.ReadLineAsync(limit.Token) is { } line)
        {
            early.AppendLine(line);
            if (line.StartsWith("Server listening on 127.0.0.1 port ", StringComparison.Ordinal))
            {
                // the rest must still be read, or a full pipe would stall the server
                _log = ReadRestAsync(_process, early.ToString());
                return;
            }
        }

        throw new InvalidOperationException($"sshd stopped before it listened:\n{early}");
    }

    public async ValueTask DisposeAsync() => await ForegroundServer.StopAsync(_process, Directory);

    private static async Task<string> ReadRestAsync(Process process, string early) =>
        early + await process.StandardError.ReadToEndAsync(CancellationToken.None);

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        await process.WaitForExitAsync(CancellationToken.None);
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}");
    }
}
