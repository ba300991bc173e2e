namespace Taxii.Server.Admin.PushCredentials;

/// <summary>
/// Credentials subscription pushes present to every inbox whose address starts with <c>addressPrefix</c> (an absolute
/// http or https URL; the longest matching prefix wins): HTTP basic (<c>username</c>, <c>password</c>), a TLS client
/// certificate (<c>clientCertificate</c>: base64 PKCS#12 with its private key, <c>clientCertificatePassword</c> its
/// password), or both. <c>verifyTls</c>: check the inbox's certificate. A password goes over an http prefix only with
/// <c>allowPlainHttp</c> true; a client certificate needs https. Secrets are write-only: on update, leave them out
/// (null) to keep the stored ones, or send "" to remove them.
/// </summary>
[OpenApiExample(@"{""addressPrefix"":""https://partner.example/taxii/"",""description"":""Partner's inboxes"",""username"":""our-server"",""password"":""a long random password"",""verifyTls"":true}")]
public sealed record PushCredentialRequest(
    string AddressPrefix,
    string? Description = null,
    string? Username = null,
    string? Password = null,
    string? ClientCertificate = null,
    string? ClientCertificatePassword = null,
    bool VerifyTls = true,
    bool AllowPlainHttp = false);
