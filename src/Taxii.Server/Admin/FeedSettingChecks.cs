using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Taxii.Feeds.Publishing;
using Taxii.Feeds.Secrets;

namespace Taxii.Server.Admin;

/// <summary>Checks that incoming and outgoing feeds (and push credentials) share: schedules, remote TAXII URLs, and write-only secrets.</summary>
internal static class FeedSettingChecks
{
    /// <summary>The cron expression the request asks for (a schedule or an interval), or null for on demand only.</summary>
    public static string? Schedule(Validation validation, string? schedule, int? intervalMinutes)
    {
        if (!string.IsNullOrWhiteSpace(schedule) && intervalMinutes is not null)
        {
            validation.Add("schedule", "give either schedule (cron) or intervalMinutes, not both");
            return null;
        }

        if (intervalMinutes is { } minutes)
        {
            var cron = FeedScheduler.CronForInterval(minutes);
            validation.Check(cron is not null, "intervalMinutes", "intervalMinutes must divide an hour (1-60) or a day (whole hours dividing 24, up to 1440)");
            return cron;
        }

        if (string.IsNullOrWhiteSpace(schedule))
        {
            return null;
        }

        var trimmed = schedule.Trim();
        validation.Check(trimmed.Length <= 128 && FeedScheduler.IsValidCron(trimmed), "schedule",
            "schedule must be a five-field cron expression (minute hour day-of-month month day-of-week), e.g. \"*/15 * * * *\"");
        return trimmed;
    }

    /// <summary>A remote TAXII service address: absolute http(s), no credentials in it, and the version and credential fields that go with it.</summary>
    public static void Remote(Validation validation, string field, string? url, string? taxiiVersion, string? username, string? password, string? certificate, string? certificatePassword)
    {
        validation.Require($"transport.{field}", url, 2048)
            .Check(url is null || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"), $"transport.{field}", $"{field} must be an absolute http or https URL")
            .Check(url is null || !Uri.TryCreate(url, UriKind.Absolute, out var withUser) || string.IsNullOrEmpty(withUser.UserInfo), $"transport.{field}",
                "put credentials in username and password, not in the URL")
            .Check(taxiiVersion is null or "1.1" or "1.0", "transport.taxiiVersion", "taxiiVersion is \"1.1\" or \"1.0\"");
        Credentials(validation, "transport.", username, password, certificate, certificatePassword);
    }

    /// <summary>Basic credentials and a client certificate, in fields named <paramref name="prefix"/> + <c>username</c> and so on.</summary>
    public static void Credentials(Validation validation, string prefix, string? username, string? password, string? certificate, string? certificatePassword)
    {
        validation.MaxLength($"{prefix}username", username, 200)
            .Check(username is null || !username.Contains(':', StringComparison.Ordinal), $"{prefix}username", "a basic-auth user name cannot contain ':'")
            .Check(string.IsNullOrEmpty(password) || !string.IsNullOrEmpty(username), $"{prefix}password", "a password needs a username");
        if (!string.IsNullOrEmpty(certificate))
        {
            validation.Check(LoadCertificate(certificate, certificatePassword) is not null, $"{prefix}clientCertificate",
                "clientCertificate must be a base64 PKCS#12 (.p12/.pfx) with its private key, and clientCertificatePassword its password");
        }
    }

    /// <summary>A write-only secret: null keeps the stored one, "" removes it, anything else replaces it (encrypted).</summary>
    public static string? Secret(FeedSecrets secrets, string? given, string? stored) =>
        given is null ? stored : given.Length == 0 ? null : secrets.Protect(given);

    /// <summary>A client certificate, kept as PKCS#12 without a password, encrypted: the encryption protects the key.</summary>
    public static string? Certificate(FeedSecrets secrets, string? given, string? password, string? stored) =>
        given is null ? stored : given.Length == 0 ? null : secrets.Protect(Convert.ToBase64String(LoadCertificate(given, password)!.Export(X509ContentType.Pkcs12)));

    private static X509Certificate2? LoadCertificate(string base64, string? password)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(base64), password, X509KeyStorageFlags.Exportable | X509KeyStorageFlags.EphemeralKeySet);
            return certificate.HasPrivateKey ? certificate : null;
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return null;
        }
    }
}
