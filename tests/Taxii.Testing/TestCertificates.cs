using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Taxii.Testing;

/// <summary>Certificates for TLS servers and clients in tests: self-signed, or issued by a test authority.</summary>
public static class TestCertificates
{
    /// <summary>A self-signed certificate with its private key, good for TLS servers and clients for a month.</summary>
    public static X509Certificate2 Create(string subject) => Create(subject, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));

    /// <summary>A certificate with its private key for TLS servers and clients, self-signed or issued by <paramref name="issuer"/>.</summary>
    public static X509Certificate2 Create(string subject, DateTimeOffset notBefore, DateTimeOffset notAfter, X509Certificate2? issuer = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var certificate = issuer is null
            ? request.CreateSelfSigned(notBefore, notAfter)
            : request.Create(issuer, notBefore, notAfter, RandomNumberGenerator.GetBytes(8)).CopyWithPrivateKey(key);
        // a PFX round trip gives a certificate whose private key SslStream can use on Linux
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    /// <summary>
    /// A self-signed certificate for <paramref name="subject"/> written as <c>server.pem</c> and <c>server.key</c> (PKCS#8)
    /// into <paramref name="directory"/>, for servers the tests start; with its SHA-256 fingerprint as <c>openssl x509
    /// -noout -fingerprint -sha256</c> prints it (after the <c>=</c>).
    /// </summary>
    public static async Task<(string CertificateFile, string KeyFile, string Fingerprint)> WriteServerPemAsync(string directory, string subject = "CN=127.0.0.1")
    {
        var certificateFile = Path.Combine(directory, "server.pem");
        var keyFile = Path.Combine(directory, "server.key");
        using var certificate = Create(subject);
        using var key = certificate.GetRSAPrivateKey() ?? throw new InvalidOperationException("the test certificate has no RSA key");
        await File.WriteAllTextAsync(certificateFile, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyFile, key.ExportPkcs8PrivateKeyPem());
        return (certificateFile, keyFile, string.Join(':', Convert.ToHexString(SHA256.HashData(certificate.RawData)).Chunk(2).Select(p => new string(p))));
    }
}
