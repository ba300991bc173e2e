using System.Security.Cryptography.X509Certificates;

namespace Taxii.Protocol.Client;

/// <summary>Loads TLS client certificates, with their private keys, for <see cref="TaxiiClientOptions.ClientCertificate"/>.</summary>
public static class TaxiiClientCertificate
{
    /// <summary>Loads a PKCS#12 (.pfx/.p12) file.</summary>
    public static X509Certificate2 LoadPfx(string path, string? password)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return X509CertificateLoader.LoadPkcs12FromFile(path, password);
    }

    /// <summary>
    /// Loads a PEM certificate and its PEM private key (both may be in one file: pass the same path, or
    /// null for <paramref name="keyPath"/>). An encrypted key needs <paramref name="password"/>.
    /// </summary>
    public static X509Certificate2 LoadPem(string certificatePath, string? keyPath = null, string? password = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(certificatePath);
        using var pem = password is null
            ? X509Certificate2.CreateFromPemFile(certificatePath, keyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(certificatePath, password, keyPath);

        // a PEM key is ephemeral; SslStream on some platforms (Windows) needs a key it can persist, so round-trip via PKCS#12
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
    }
}
