using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Taxii.Core.Audit;
using Taxii.Persistence;
using Taxii.Server.Admin.Audit;
using Taxii.Server.Auth;

namespace Taxii.Server.Ui.Pages.Access.Audit;

/// <summary>
/// The audit log for administrators (as <c>GET /api/v1/audit</c>, through <see cref="AuditQueries"/>): newest first in
/// pages of <see cref="PageSize"/> (<c>?before=</c> the last id shown), filtered by resource prefix and <c>after</c>.
/// </summary>
[Authorize(Policy = Policies.Admin)]
internal sealed class IndexModel(TaxiiDbContext db) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public string? Resource { get; private set; }

    public long? After { get; private set; }

    public long? Before { get; private set; }

    public long? Next { get; private set; }

    public async Task OnGetAsync(string? resource, long? after, long? before, CancellationToken cancellationToken)
    {
        (Resource, After, Before) = (string.IsNullOrWhiteSpace(resource) ? null : resource.Trim(), after, before);
        var page = await AuditQueries.PageAsync(db, before, after, PageSize, Resource, cancellationToken);
        (Entries, Next) = (page.Items, page.Next);
    }

    /// <summary>This page's filters with <paramref name="before"/> (null: the newest entries).</summary>
    public string Link(long? before)
    {
        var query = new Dictionary<string, string?>();
        if (Resource is not null)
        {
            query["resource"] = Resource;
        }

        if (After is { } after)
        {
            query["after"] = after.ToString(CultureInfo.InvariantCulture);
        }

        if (before is { } b)
        {
            query["before"] = b.ToString(CultureInfo.InvariantCulture);
        }

        return QueryHelpers.AddQueryString(UiSetup.Prefix + "/access/audit", query);
    }
}
