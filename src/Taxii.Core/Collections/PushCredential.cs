namespace Taxii.Core.Collections;

/// <summary>
/// Credentials that subscription pushes present to the inboxes whose address starts with <see cref="AddressPrefix"/>.
/// A Subscription_Management_Request carries no credentials, so administrators set them here, per destination;
/// the longest prefix a push address starts with wins.
/// </summary>
public sealed class PushCredential
{
    public int Id { get; set; }

    /// <summary>An absolute http or https URL, normalized (scheme and host in lower case, default port dropped, a path always there).</summary>
    public required string AddressPrefix { get; set; }

    public string? Description { get; set; }

    /// <summary>HTTP basic user name; null: no basic credentials.</summary>
    public string? Username { get; set; }

    /// <summary>The basic password, encrypted with ASP.NET Data Protection; never returned by the API.</summary>
    public string? ProtectedPassword { get; set; }

    /// <summary>A PKCS#12 client certificate with its private key, encrypted with ASP.NET Data Protection.</summary>
    public string? ProtectedClientCertificate { get; set; }

    /// <summary>Check the inbox's TLS certificate; off only for peers with self-signed certificates.</summary>
    public bool VerifyTls { get; set; } = true;

    /// <summary>
    /// The administrator's explicit consent to send the basic password over plain http (an http prefix): without it an
    /// http prefix cannot carry one, so a password never travels in clear by accident.
    /// </summary>
    public bool AllowPlainHttp { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
