using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Taxii.Testing;

/// <summary>Self-signed certificates for TLS servers and clients in tests.</summary>
public static class TestCertificates
{
    /// <summary>A certificate with its private key, good for TLS servers and clients for a month.</summary>
    public static X509Certificate2 Create(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        // a PFX round trip gives a certificate whose private key SslStream can use on Linux
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
