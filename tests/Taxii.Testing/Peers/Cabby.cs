using System.Diagnostics;
using System.Text;

namespace Taxii.Testing.Peers;

/// <summary>
/// cabby's console scripts (<c>taxii-discovery</c>, <c>-collections</c>, <c>-push</c>, <c>-poll</c>,
/// <c>-subscription</c>, <c>-proxy</c>) run as child processes, exactly as a user runs them.
/// </summary>
public static class Cabby
{
    /// <summary>Runs one command to its end (killed after <paramref name="timeout"/>, default 2 minutes).</summary>
    public static async Task<CabbyRun> RunAsync(
        string command, IEnumerable<string> arguments, string? workingDirectory = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo(PeerKit.Program(command))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        PeerKit.Configure(info);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {command}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"{command} {string.Join(' ', info.ArgumentList)} did not end in time:\n{await stderr}");
        }

        return new CabbyRun(Describe(command, info.ArgumentList), process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The command line as a user would type it, passwords shown as they are (test credentials only).</summary>
    private static string Describe(string command, IEnumerable<string> arguments)
    {
        var line = new StringBuilder(command);
        foreach (var argument in arguments)
        {
            line.Append(' ').Append(argument.Contains(' ', StringComparison.Ordinal) ? $"'{argument}'" : argument);
        }

        return line.ToString();
    }
}
