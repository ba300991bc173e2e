using System.Text.RegularExpressions;

namespace Taxii.Server.Hosting;

/// <summary>
/// <c>health</c>: asks the server running on this machine whether it is ready (<c>/health/ready</c>: database reachable,
/// migrations done) or, with <c>--live</c>, up at all (<c>/health/live</c>), at the first address it listens on
/// (<c>Urls</c> or <c>--urls</c>, wildcards meaning this machine). One line out, exit 0 or 1:
/// what a container's HEALTHCHECK runs, with no curl in the image. Nothing else is started.
/// </summary>
internal static partial class HealthCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(TaxiiCommand command, IConfiguration configuration, CancellationToken cancellationToken)
    {
        // configuration keys ignore case: --urls on the command line and Urls in settings are one key
        var listening = (configuration["Urls"] ?? "http://localhost:5000")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var target = new Uri(Local(listening[0]), command.Option("--live") is null ? "health/ready" : "health/live");
        // its own server on this machine: a certificate made for its public name is not checked here
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler) { Timeout = Timeout };
        try
        {
            using var response = await http.GetAsync(target, cancellationToken);
            var healthy = response.IsSuccessStatusCode;
            Console.WriteLine($"{target}: {(int)response.StatusCode} {(healthy ? "healthy" : "unhealthy")}");
            return healthy ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine($"{target}: no answer ({e.Message})");
            return 1;
        }
    }

    /// <summary>A listening address as a client reaches it from this machine: <c>http://+:9000</c> → <c>http://localhost:9000/</c>.</summary>
    private static Uri Local(string url)
    {
        var match = ListeningAddress().Match(url);
        if (!match.Success)
        {
            throw new InvalidOperationException($"'{url}' is not an address the server listens on (Urls)");
        }

        var host = match.Groups["host"].Value is "+" or "*" or "0.0.0.0" or "[::]" or "" ? "localhost" : match.Groups["host"].Value;
        var port = match.Groups["port"].Success ? ":" + match.Groups["port"].Value : string.Empty;
        return new Uri($"{match.Groups["scheme"].Value}://{host}{port}/");
    }

    [GeneratedRegex(@"^(?<scheme>https?)://(?<host>\[[^\]]*\]|[^:/]*)(:(?<port>\d+))?", RegexOptions.IgnoreCase)]
    private static partial Regex ListeningAddress();
}
