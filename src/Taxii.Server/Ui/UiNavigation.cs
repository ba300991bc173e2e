using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Taxii.Core.Security;

namespace Taxii.Server.Ui;

/// <summary>
/// The side navigation: each entry with the permission the REST API asks for the same section, checked through the same
/// authorization policies. Only sections that exist are listed (no dead links).
/// </summary>
internal sealed class UiNavigation(IAuthorizationService authorization)
{
    private static readonly NavigationEntry[] Entries =
    [
        new("Intelligence", "Data", "Datasets", UiSetup.Prefix + "/datasets", Permissions.ReadDatasets),
        new("Data configuration", "Feeds", "Incoming feeds", UiSetup.Prefix + "/data/incoming-feeds", Permissions.ReadIncomingFeeds),
        new("Data configuration", "Feeds", "Outgoing feeds", UiSetup.Prefix + "/data/outgoing-feeds", Permissions.ReadOutgoingFeeds),
        new("Settings", "STIX and TAXII", "TAXII", UiSetup.Prefix + "/settings/taxii", Permissions.ReadTaxiiServices),
        new("Settings", "STIX and TAXII", "Collections", UiSetup.Prefix + "/settings/collections", Permissions.ReadTaxiiServices),
        new("Administration", "Access", "Users", UiSetup.Prefix + "/access/users", Permissions.ReadUsers),
        new("Administration", "Access", "Groups", UiSetup.Prefix + "/access/groups", Permissions.ReadUsers),
        new("Administration", "Access", "Roles", UiSetup.Prefix + "/access/roles", Permissions.ReadUsers),
        new("Administration", "Access", "Audit log", UiSetup.Prefix + "/access/audit", Auth.Policies.Admin),
    ];

    /// <summary>The entries <paramref name="user"/> may open, in navigation order.</summary>
    public async Task<IReadOnlyList<NavigationEntry>> VisibleAsync(ClaimsPrincipal user)
    {
        var visible = new List<NavigationEntry>();
        foreach (var entry in Entries)
        {
            if (entry.Permission is null || (await authorization.AuthorizeAsync(user, entry.Permission)).Succeeded)
            {
                visible.Add(entry);
            }
        }

        return visible;
    }

    /// <summary>Whether <paramref name="user"/> holds <paramref name="permission"/> (administrators hold all).</summary>
    public async Task<bool> MayAsync(ClaimsPrincipal user, string permission) =>
        (await authorization.AuthorizeAsync(user, permission)).Succeeded;
}
