using System.Diagnostics;
using System.Security.Cryptography;
using Xunit;

namespace Taxii.Testing.Peers;

/// <summary>
/// A system account for test servers that check passwords against the machine's own accounts (sshd reads
/// <c>/etc/shadow</c>): no home, no shell, made when missing and given a new random password by each fixture that
/// asks, so no password is ever written down. Root only.
/// </summary>
public static class TestSystemUser
{
    public const string Name = "taxii-test";

    /// <summary>Whether this process may make the account and set its password.</summary>
    public static bool Available => Environment.UserName == "root";

    /// <summary>Makes the account when missing and sets a new random password, which it returns.</summary>
    public static async Task<string> NewPasswordAsync()
    {
        if (!Available)
        {
            throw new InvalidOperationException($"only root can make the test account {Name}");
        }

        if (await RunAsync("/usr/bin/id", null, "-u", Name) != 0)
        {
            var made = await RunAsync("/usr/sbin/useradd", null, "--system", "--no-create-home", "--home-dir", "/nonexistent",
                "--shell", "/usr/sbin/nologin", "--comment", "Taxii test servers (password logins)", Name);
            // 9: made meanwhile by a test in another process
            if (made is not 0 and not 9)
            {
                throw new InvalidOperationException($"useradd {Name} exited with {made}");
            }
        }

        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var set = await RunAsync("/usr/sbin/chpasswd", $"{Name}:{password}\n");
        return set == 0 ? password : throw new InvalidOperationException($"chpasswd for {Name} exited with {set}");
    }

    /// <summary>
    /// For a test that needs the account: skips when this process is not root, but fails under CI=true, where
    /// <c>.ci/run</c> runs as root.
    /// </summary>
    public static void Require()
    {
        if (Available)
        {
            return;
        }

        var reason = $"password logins need the test account {Name}, which only root can make";
        if (ReferenceMaterial.IsCi)
        {
            throw new InvalidOperationException("CI=true but " + reason);
        }

        Assert.Skip(reason);
    }

    private static async Task<int> RunAsync(string program, string? input, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
        _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync(CancellationToken.None);
        return process.ExitCode;
    }
}
