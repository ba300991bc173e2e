using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Security;
using Taxii.Persistence;

namespace Taxii.Server.Tests.Ui;

/// <summary>
/// The roles pages over real HTTP: list, create, edit with permission checkboxes, delete, through the REST API's rules
/// (<c>RoleOperations</c>): its validation, its conflict, its refusal of a permission the caller lacks, its audit.
/// </summary>
public sealed class RolePageTests(AccessFactory app) : IClassFixture<AccessFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_administrator_creates_edits_and_deletes_a_role_with_the_apis_errors_at_their_fields()
    {
        var name = "ui-role-" + Guid.NewGuid().ToString("N")[..6];
        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.AdminName);
        var form = await session.HtmlAsync("/ui/access/roles/new");
        var token = UiSession.Token(form);

        var invalid = await session.PostAsync("/ui/access/roles/new", token, ("Input.Name", " "), ("Input.Permissions", "read everything"), ("Input.Permissions", Permissions.ReadDatasets));
        var invalidHtml = await invalid.Content.ReadAsStringAsync(Ct);
        var created = await session.PostAsync("/ui/access/roles/new", token,
            ("Input.Name", name), ("Input.Description", "reads datasets"), ("Input.Permissions", Permissions.ReadDatasets), ("Input.Permissions", Permissions.ReadIncomingFeeds));
        var again = await session.PostAsync("/ui/access/roles/new", token, ("Input.Name", name));
        var id = await RoleIdAsync(name);
        var edit = await session.HtmlAsync($"/ui/access/roles/{id}/edit");
        var edited = await session.PostAsync($"/ui/access/roles/{id}/edit", token, ("Input.Name", name), ("Input.Permissions", Permissions.ReadOutgoingFeeds));
        var list = await session.HtmlAsync("/ui/access/roles");

        form.Should().Contain("<h2>Administration</h2>").And.Contain("href=\"/ui/access/roles\"").And.Contain("href=\"/ui/access/groups\"");
        foreach (var permission in Permissions.All)
        {
            form.Should().Contain($"name=\"Input.Permissions\" value=\"{permission}\"", "every permission is a checkbox");
        }

        invalid.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        AccountPageTests.FieldError(invalidHtml, "name-error").Should().Be("name is required");
        AccountPageTests.FieldError(invalidHtml, "permissions-error").Should().Be("'read everything' is not a permission; see GET /api/v1/permissions");
        invalidHtml.Should().Contain($"value=\"{Permissions.ReadDatasets}\" checked=\"checked\"", "a ticked permission stays ticked");
        created.StatusCode.Should().Be(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync(Ct));
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        AccountPageTests.FieldError(await again.Content.ReadAsStringAsync(Ct), "name-error").Should().Be($"A role named '{name}' already exists.");
        edit.Should().Contain($"value=\"{Permissions.ReadIncomingFeeds}\" checked=\"checked\"").And.Contain("reads datasets");
        edited.StatusCode.Should().Be(HttpStatusCode.Redirect);
        Row(list, name).Should().Contain($"data-column=\"permissions\">{Permissions.ReadOutgoingFeeds}<").And.Contain($"/ui/access/roles/{id}/delete");
        using var api = app.CreateClient(UiFactory.AdminName, UiFactory.Password);
        (await api.GetFromJsonAsync<RoleBody>($"/api/v1/roles/{id}", Ct))!.Permissions.Should().Equal(Permissions.ReadOutgoingFeeds);

        var confirm = await session.HtmlAsync($"/ui/access/roles/{id}/delete");
        var held = await session.HtmlAsync($"/ui/access/roles/{await RoleIdAsync(AccessFactory.GrantableRole)}/delete");
        var deleted = await session.PostAsync($"/ui/access/roles/{id}/delete", UiSession.Token(confirm));

        confirm.Should().Contain("0 user(s) and 0 group(s) hold this role");
        held.Should().Contain("1 user(s) and 0 group(s) hold this role", "the user manager holds that role");
        deleted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await RoleIdAsync(name)).Should().Be(0);
        (await api.GetAsync($"/api/v1/roles/{id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().AuditLog.Where(a => a.Resource == $"roles/{id}").Select(a => a.Action).ToListAsync(Ct))
            .Should().BeEquivalentTo(["create", "update", "delete"]);
    }

    [Fact]
    public async Task A_user_manager_cannot_give_a_role_a_permission_it_lacks_in_the_ui_nor_in_the_rest_api()
    {
        var name = "ui-role-esc-" + Guid.NewGuid().ToString("N")[..6];
        using var api = app.CreateClient(AccessFactory.ManagerName, UiFactory.Password);
        using var session = app.Session();
        await session.SignInOkAsync(AccessFactory.ManagerName);
        var token = UiSession.Token(await session.HtmlAsync("/ui/access/roles/new"));
        var grantable = await RoleIdAsync(AccessFactory.UserReaderRole);

        var rest = await api.PostAsJsonAsync("/api/v1/roles", new { name, permissions = new[] { Permissions.ModifyTaxiiServices } }, Ct);
        var create = await session.PostAsync("/ui/access/roles/new", token, ("Input.Name", name), ("Input.Permissions", Permissions.ModifyTaxiiServices));
        var createHtml = await create.Content.ReadAsStringAsync(Ct);
        var edit = await session.PostAsync($"/ui/access/roles/{grantable}/edit", token,
            ("Input.Name", AccessFactory.UserReaderRole), ("Input.Permissions", Permissions.ReadUsers), ("Input.Permissions", Permissions.ModifyTaxiiServices));
        var allowed = await session.PostAsync("/ui/access/roles/new", token, ("Input.Name", name), ("Input.Permissions", Permissions.ReadUsers));

        rest.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        create.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        AccountPageTests.FieldError(createHtml, "permissions-error").Should().Be("You may only grant roles whose permissions you hold yourself.");
        edit.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        allowed.StatusCode.Should().Be(HttpStatusCode.Redirect, "a role with only permissions the manager holds may be made");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        (await db.Roles.SingleAsync(r => r.Id == grantable, Ct)).Permissions.Should().Equal(Permissions.ReadUsers);
        (await db.Roles.SingleAsync(r => r.Name == name, Ct)).Permissions.Should().Equal(Permissions.ReadUsers);
    }

    [Fact]
    public async Task A_user_who_may_only_read_users_sees_roles_and_groups_without_buttons_and_gets_403_on_changes()
    {
        var roleId = await RoleIdAsync(AccessFactory.UserReaderRole);
        int groupId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            groupId = await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().Groups.Where(g => g.Name == "ui-analysts").Select(g => g.Id).SingleAsync(Ct);
        }

        using var session = app.Session();
        await session.SignInOkAsync(AccessFactory.UserReaderName);
        var token = UiSession.Token(await session.HtmlAsync("/ui"));

        var roles = await session.HtmlAsync("/ui/access/roles");
        var groups = await session.HtmlAsync("/ui/access/groups");

        roles.Should().Contain(AccessFactory.EscalatingRole).And.NotContain("id=\"new-role\"").And.NotContain("/edit\"").And.NotContain("/delete\"");
        groups.Should().Contain("ui-analysts").And.NotContain("id=\"new-group\"").And.NotContain("/edit\"").And.NotContain("/delete\"");
        foreach (var path in new[] { "/ui/access/roles/new", $"/ui/access/roles/{roleId}/edit", $"/ui/access/roles/{roleId}/delete", "/ui/access/groups/new", $"/ui/access/groups/{groupId}/edit", $"/ui/access/groups/{groupId}/delete" })
        {
            await session.HtmlAsync(path, HttpStatusCode.Forbidden);
            (await session.PostAsync(path, token, ("Input.Name", "ui-sneaky-access"))).StatusCode.Should().Be(HttpStatusCode.Forbidden, path);
        }

        await using var check = app.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        (await db.Roles.AnyAsync(r => r.Id == roleId, Ct)).Should().BeTrue();
        (await db.Groups.AnyAsync(g => g.Id == groupId, Ct)).Should().BeTrue();
        (await db.Roles.AnyAsync(r => r.Name == "ui-sneaky-access", Ct) || await db.Groups.AnyAsync(g => g.Name == "ui-sneaky-access", Ct)).Should().BeFalse();

        using var nobody = app.Session();
        await nobody.SignInOkAsync(UiFactory.NobodyName);
        await nobody.HtmlAsync("/ui/access/roles", HttpStatusCode.Forbidden);
        await nobody.HtmlAsync("/ui/access/groups", HttpStatusCode.Forbidden);
    }

    internal static string Row(string html, string name) =>
        Regex.Match(html, $"<tr data-id=\"\\d+\" data-name=\"{Regex.Escape(name)}\">.*?</tr>", RegexOptions.Singleline).Value;

    private async Task<int> RoleIdAsync(string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().Roles.Where(r => r.Name == name).Select(r => r.Id).SingleOrDefaultAsync(Ct);
    }

    private sealed record RoleBody(int Id, string Name, string? Description, List<string> Permissions);
}
