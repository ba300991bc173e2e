using System.Linq.Expressions;
using Taxii.Core.Collections;

namespace Taxii.Server.Admin.PushCredentials;

/// <summary>Push credentials as the API shows them: secrets only as whether they are set.</summary>
public sealed record PushCredentialDto(
    int Id,
    string AddressPrefix,
    string? Description,
    string? Username,
    bool HasPassword,
    bool HasClientCertificate,
    bool VerifyTls,
    bool AllowPlainHttp,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static readonly Expression<Func<PushCredential, PushCredentialDto>> Projection = c => new PushCredentialDto(
        c.Id, c.AddressPrefix, c.Description, c.Username, c.ProtectedPassword != null, c.ProtectedClientCertificate != null,
        c.VerifyTls, c.AllowPlainHttp, c.CreatedAt, c.UpdatedAt);
}
