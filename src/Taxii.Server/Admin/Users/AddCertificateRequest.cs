namespace Taxii.Server.Admin.Users;

/// <summary>A client certificate in PEM (the public certificate only, never a private key).</summary>
[OpenApiExample(@"{""pem"":""-----BEGIN CERTIFICATE-----\nMIIC...\n-----END CERTIFICATE-----""}")]
public sealed record AddCertificateRequest(string Pem);
