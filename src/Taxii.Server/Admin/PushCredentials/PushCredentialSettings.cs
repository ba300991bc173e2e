using Taxii.Core.Collections;
using Taxii.Feeds.Secrets;
using Taxii.Feeds.Subscriptions;

namespace Taxii.Server.Admin.PushCredentials;

/// <summary>
/// Checks a push credential request and applies it: a prefix that can match push addresses, something to present, and
/// no secret that would travel in clear without the administrator saying so. Secrets are encrypted here and never
/// leave it in clear.
/// </summary>
internal static class PushCredentialSettings
{
    public static Validation Apply(PushCredential credential, PushCredentialRequest body, FeedSecrets secrets, PushDestinations destinations, DateTimeOffset now)
    {
        var validation = new Validation().Require("addressPrefix", body.AddressPrefix, 2048).MaxLength("description", body.Description, 4000);
        var prefix = string.IsNullOrWhiteSpace(body.AddressPrefix) ? null : Prefix(validation, body.AddressPrefix.Trim(), destinations);
        FeedSettingChecks.Credentials(validation, "", body.Username, body.Password, body.ClientCertificate, body.ClientCertificatePassword);
        var username = string.IsNullOrEmpty(body.Username) ? null : body.Username;
        var hasPassword = body.Password is null ? credential.ProtectedPassword is not null : body.Password.Length > 0;
        var hasCertificate = body.ClientCertificate is null ? credential.ProtectedClientCertificate is not null : body.ClientCertificate.Length > 0;
        validation.Check(username is not null || hasCertificate, "username", "give a username and password, a clientCertificate, or both: credentials that present nothing have no use")
            // an empty basic password is almost always a password forgotten
            .Check(username is null || hasPassword, "password", "a username needs a password");
        if (prefix is { Scheme: "http" })
        {
            validation.Check(!hasCertificate, "clientCertificate", "a client certificate is presented in the TLS handshake: it needs an https addressPrefix")
                .Check(username is null || body.AllowPlainHttp, "allowPlainHttp",
                    "an http addressPrefix sends the password in clear: use https, or set allowPlainHttp to true to accept that");
        }
        else
        {
            validation.Check(!body.AllowPlainHttp, "allowPlainHttp", "allowPlainHttp is for http prefixes only");
        }

        if (!validation.IsValid || prefix is null)
        {
            return validation;
        }

        credential.AddressPrefix = PushCredentialLookup.Normalize(prefix);
        credential.Description = string.IsNullOrWhiteSpace(body.Description) ? null : body.Description.Trim();
        credential.Username = username;
        credential.ProtectedPassword = username is null ? null : FeedSettingChecks.Secret(secrets, body.Password, credential.ProtectedPassword);
        credential.ProtectedClientCertificate = FeedSettingChecks.Certificate(secrets, body.ClientCertificate, body.ClientCertificatePassword, credential.ProtectedClientCertificate);
        credential.VerifyTls = body.VerifyTls;
        credential.AllowPlainHttp = body.AllowPlainHttp;
        credential.UpdatedAt = now;
        return validation;
    }

    /// <summary>What the audit log keeps: never a secret, only whether one was given, kept or is absent.</summary>
    public static string Describe(PushCredential credential, PushCredentialRequest body) =>
        $"prefix={credential.AddressPrefix}; username={credential.Username}; password={Given(credential.ProtectedPassword, body.Password)}; "
        + $"clientCertificate={Given(credential.ProtectedClientCertificate, body.ClientCertificate)}; verifyTls={credential.VerifyTls}; allowPlainHttp={credential.AllowPlainHttp}";

    private static string Given(string? stored, string? given) => stored is null ? "none" : given is null ? "kept" : "new";

    private static Uri? Prefix(Validation validation, string value, PushDestinations destinations)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            validation.Add("addressPrefix", "addressPrefix must be an absolute http or https URL, such as https://partner.example/taxii/");
            return null;
        }

        // the prefix is shown and logged: a password in it would be in clear
        validation.Check(uri.UserInfo.Length == 0, "addressPrefix", "put credentials in username and password, not in the prefix")
            .Check(uri.Query.Length == 0 && uri.Fragment.Length == 0, "addressPrefix", "a prefix ends before any ? or #")
            .MaxLength("addressPrefix", PushCredentialLookup.Normalize(uri), 2048);
        if (destinations.RefusalOf(uri) is { } refusal)
        {
            // credentials open no network: a push there would be refused whatever it carries
            validation.Add("addressPrefix", $"{refusal} Allow its network with Taxii:Subscriptions:PushAllowedNetworks first.");
        }

        return uri;
    }
}
