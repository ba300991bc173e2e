using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.Users;

namespace Taxii.Server.Ui.Pages.Access.Users;

/// <summary>
/// A user's TLS client certificates (<c>read users</c>), added from pasted or uploaded PEM and removed (<c>modify users</c>,
/// checked again by each post) through <see cref="CertificateOperations"/>: the REST API's rules, messages and audit.
/// </summary>
[Authorize(Policy = Permissions.ReadUsers)]
internal sealed class CertificatesModel(TaxiiDbContext db, CertificateOperations certificates, UiNavigation navigation) : PageModel
{
    public const int MaxFileBytes = 64 * 1024;

    public int MaxFileKiB => MaxFileBytes / 1024;

    [BindProperty]
    public string? Pem { get; set; }

    [BindProperty]
    public IFormFile? PemFile { get; set; }

    public UserDto Target { get; private set; } = null!;

    public IReadOnlyList<CertificateDto> Certificates { get; private set; } = [];

    public bool MayModify { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!MayModify)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        if (PemFile is { Length: > 0 } file)
        {
            if (file.Length > MaxFileBytes)
            {
                return this.Refused(StatusCodes.Status422UnprocessableEntity, nameof(Pem), $"The file is larger than {MaxFileKiB} KiB: a certificate in PEM is a few KiB.");
            }

            using var reader = new StreamReader(file.OpenReadStream());
            Pem = await reader.ReadToEndAsync(cancellationToken);
        }

        var change = await certificates.AddAsync(id, new AddCertificateRequest(Pem ?? string.Empty), User, cancellationToken);
        return change switch
        {
            { Value: not null } => Redirect($"{UiSetup.Prefix}/access/users/{id}/certificates"),
            { Invalid: { } validation } => this.Refused(StatusCodes.Status422UnprocessableEntity, nameof(Pem), string.Join(" ", validation.Errors.SelectMany(e => e.Value))),
            { Conflict: { } conflict } => this.Refused(StatusCodes.Status409Conflict, nameof(Pem), conflict),
            { Forbidden: { } forbidden } => this.Refused(StatusCodes.Status403Forbidden, nameof(Pem), forbidden),
            _ => NotFound(),
        };
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, int certificateId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!MayModify)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        return await certificates.RemoveAsync(id, certificateId, User, cancellationToken)
            ? Redirect($"{UiSetup.Prefix}/access/users/{id}/certificates")
            : NotFound();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (await UserOperations.FindAsync(db, id, cancellationToken) is not { } user || await certificates.ListAsync(id, cancellationToken) is not { } list)
        {
            return false;
        }

        (Target, Certificates) = (user, list);
        MayModify = await navigation.MayAsync(User, Permissions.ModifyUsers);
        return true;
    }
}
