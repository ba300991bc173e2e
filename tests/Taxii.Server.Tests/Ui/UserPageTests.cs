using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Persistence;

namespace Taxii.Server.Tests.Ui;

/// <summary>
/// The users pages over real HTTP: the list, creating and editing through the REST API's rules, the permissions
/// (<c>read users</c>, <c>modify users</c>), and the rule that no one grants what they do not hold.
/// </summary>
public sealed class UserPageTests(AccessFactory app) : IClassFixture<AccessFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_list_shows_each_user_with_admin_active_roles_and_groups()
    {
        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.AdminName);

        var html = await session.HtmlAsync("/ui/access/users");

        html.Should().Contain("<h2>Administration</h2>").And.Contain("href=\"/ui/access/users\"").And.Contain("id=\"new-user\"");
        var reader = Row(html, AccessFactory.UserReaderName);
        reader.Should().Contain("data-column=\"admin\">No<").And.Contain("data-column=\"active\">Yes<")
            .And.Contain($"data-column=\"roles\">{AccessFactory.UserReaderRole}<").And.Contain("data-column=\"groups\">ui-analysts<");
        Row(html, UiFactory.AdminName).Should().Contain("data-column=\"admin\">Yes<");
    }

    [Fact]
    public async Task The_list_is_paged_by_25()
    {
        for (var i = 0; i < 25; i++)
        {
            await app.CreateUserAsync($"ui-paged-{i:D2}-{Guid.NewGuid():N}"[..24], UiFactory.Password);
        }

        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.AdminName);

        var first = await session.HtmlAsync("/ui/access/users");
        var next = Regex.Match(first, "href=\"(/ui/access/users\\?after=\\d+)\" rel=\"next\"").Groups[1].Value;
        var second = await session.HtmlAsync(next);

        Regex.Matches(first, "<tr data-id=").Count.Should().Be(25);
        var ids = Regex.Matches(first + second, "<tr data-id=\"(\\d+)\"").Select(m => m.Groups[1].Value).ToList();
        ids.Should().OnlyHaveUniqueItems();
        await using var scope = app.Services.CreateAsyncScope();
        ids.Should().HaveCountGreaterThanOrEqualTo(Math.Min(50, await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().Users.CountAsync(Ct)));
        second.Should().Contain("rel=\"first\"");
    }

    [Fact]
    public async Task A_user_without_read_users_sees_no_administration_and_gets_403_on_its_pages_and_posts()
    {
        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.NobodyName);
        var home = await session.HtmlAsync("/ui");
        var token = UiSession.Token(home);
        var id = await IdOfAsync(UiFactory.NobodyName);

        home.Should().NotContain("Administration").And.NotContain("/ui/access/");
        await session.HtmlAsync("/ui/access/users", HttpStatusCode.Forbidden);
        await session.HtmlAsync("/ui/access/users/new", HttpStatusCode.Forbidden);
        await session.HtmlAsync($"/ui/access/users/{id}/edit", HttpStatusCode.Forbidden);
        var create = await session.PostAsync("/ui/access/users/new", token, ("Input.Name", "ui-sneaky"), ("Input.Password", UiFactory.Password));
        var edit = await session.PostAsync($"/ui/access/users/{id}/edit", token, ("Input.IsAdmin", "true"));

        create.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        edit.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await IdOfAsync("ui-sneaky")).Should().Be(0);
    }

    [Fact]
    public async Task A_user_who_may_only_read_users_sees_the_list_without_new_or_edit()
    {
        using var session = app.Session();
        await session.SignInOkAsync(AccessFactory.UserReaderName);
        var token = UiSession.Token(await session.HtmlAsync("/ui"));

        var html = await session.HtmlAsync("/ui/access/users");

        html.Should().Contain(AccessFactory.ManagerName).And.NotContain("id=\"new-user\"").And.NotContain("/edit\"");
        await session.HtmlAsync("/ui/access/users/new", HttpStatusCode.Forbidden);
        (await session.PostAsync("/ui/access/users/new", token, ("Input.Name", "ui-sneaky-2"), ("Input.Password", UiFactory.Password)))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Creating_shows_the_apis_errors_at_their_fields_with_422_then_creates_the_user_with_its_role()
    {
        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.AdminName);
        var form = await session.HtmlAsync("/ui/access/users/new");
        var token = UiSession.Token(form);
        var roleId = await RoleIdAsync(AccessFactory.UserReaderRole);

        var invalid = await session.PostAsync("/ui/access/users/new", token, ("Input.Name", "ui-created"), ("Input.Password", "short"), ("Input.RoleIds", roleId));
        var invalidHtml = await invalid.Content.ReadAsStringAsync(Ct);
        var valid = await session.PostAsync("/ui/access/users/new", token,
            ("Input.Name", "ui-created"), ("Input.Email", "created@example.org"), ("Input.Password", UiFactory.Password), ("Input.IsActive", "true"), ("Input.RoleIds", roleId));
        var again = await session.PostAsync("/ui/access/users/new", token, ("Input.Name", "ui-created"), ("Input.Password", UiFactory.Password));

        invalid.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        AccountPageTests.FieldError(invalidHtml, "password-error").Should().Be("password must be 12 to 1024 characters");
        invalidHtml.Should().Contain($"value=\"{roleId}\" checked=\"checked\"", "the ticked role stays ticked");
        valid.StatusCode.Should().Be(HttpStatusCode.Redirect, await valid.Content.ReadAsStringAsync(Ct));
        var id = await IdOfAsync("ui-created");
        valid.Headers.Location!.ToString().Should().Be($"/ui/access/users/{id}/edit");
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        AccountPageTests.FieldError(await again.Content.ReadAsStringAsync(Ct), "name-error").Should().Be("A user named 'ui-created' already exists.");
        using var api = app.CreateClient("ui-created", UiFactory.Password);
        (await api.GetStringAsync("/api/v1/me", Ct)).Should().Contain("\"permissions\":[\"read users\"]", "the new user signs in and holds the role");
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().AuditLog
            .CountAsync(a => a.UserName == UiFactory.AdminName && (a.Resource == $"users/{id}" || a.Resource == $"users/{id}/roles/{roleId}"), Ct)).Should().Be(2);
    }

    [Fact]
    public async Task Editing_deactivates_resets_the_password_and_changes_roles()
    {
        var name = "ui-edited-" + Guid.NewGuid().ToString("N")[..6];
        await app.CreateUserAsync(name, UiFactory.Password);
        var id = await IdOfAsync(name);
        var roleId = await RoleIdAsync(AccessFactory.UserReaderRole);
        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.AdminName);
        var token = UiSession.Token(await session.HtmlAsync($"/ui/access/users/{id}/edit"));

        var invalid = await session.PostAsync($"/ui/access/users/{id}/edit", token, ("Input.Password", "short"), ("Input.IsActive", "true"));
        var granted = await session.PostAsync($"/ui/access/users/{id}/edit", token, ("Input.Password", "a new long password"), ("Input.IsActive", "true"), ("Input.RoleIds", roleId));
        using var api = app.CreateClient(name, "a new long password");
        var me = await api.GetStringAsync("/api/v1/me", Ct);
        var deactivated = await session.PostAsync($"/ui/access/users/{id}/edit", token, ("Input.IsActive", "false"));

        invalid.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        AccountPageTests.FieldError(await invalid.Content.ReadAsStringAsync(Ct), "password-error").Should().Be("password must be 12 to 1024 characters");
        granted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        me.Should().Contain("\"permissions\":[\"read users\"]");
        deactivated.StatusCode.Should().Be(HttpStatusCode.Redirect);
        // the list pages by id (25 a page, other tests add users): start the page just before this one
        Row(await session.HtmlAsync($"/ui/access/users?after={id - 1}"), name).Should().Contain("data-column=\"active\">No<").And.Contain("data-column=\"roles\"><");
        (await api.GetAsync("/api/v1/me", Ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a deactivated user is refused");
    }

    [Fact]
    public async Task A_user_manager_cannot_grant_in_the_ui_what_the_rest_api_refuses()
    {
        var target = "ui-target-" + Guid.NewGuid().ToString("N")[..6];
        await app.CreateUserAsync(target, UiFactory.Password);
        var id = await IdOfAsync(target);
        var escalating = await RoleIdAsync(AccessFactory.EscalatingRole);
        var grantable = await RoleIdAsync(AccessFactory.GrantableRole);
        using var api = app.CreateClient(AccessFactory.ManagerName, UiFactory.Password);
        using var session = app.Session();
        await session.SignInOkAsync(AccessFactory.ManagerName);
        var token = UiSession.Token(await session.HtmlAsync($"/ui/access/users/{id}/edit"));

        var rest = await api.PutAsync($"/api/v1/users/{id}/roles/{escalating}", null, Ct);
        var restAdmin = await api.PatchAsync($"/api/v1/users/{id}", JsonContent.Create(new { isAdmin = true }), Ct);
        var edit = await session.PostAsync($"/ui/access/users/{id}/edit", token, ("Input.IsActive", "true"), ("Input.RoleIds", escalating));
        var editHtml = await edit.Content.ReadAsStringAsync(Ct);
        var create = await session.PostAsync("/ui/access/users/new", token, ("Input.Name", "ui-escalated"), ("Input.Password", UiFactory.Password), ("Input.RoleIds", escalating));
        var admin = await session.PostAsync($"/ui/access/users/{id}/edit", token, ("Input.IsActive", "true"), ("Input.IsAdmin", "true"));
        var allowed = await session.PostAsync($"/ui/access/users/{id}/edit", token, ("Input.IsActive", "true"), ("Input.RoleIds", grantable));

        rest.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        restAdmin.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        edit.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        AccountPageTests.FieldError(editHtml, "roles-error").Should().Be("You may only grant roles whose permissions you hold yourself.");
        create.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await IdOfAsync("ui-escalated")).Should().Be(0, "a refused form creates nothing");
        admin.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        AccountPageTests.FieldError(await admin.Content.ReadAsStringAsync(Ct), "admin-error").Should().Be("Only an administrator may change an administrator or make one.");
        allowed.StatusCode.Should().Be(HttpStatusCode.Redirect, "a role whose permissions the manager holds may be granted");
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().Users.Include(u => u.Roles).SingleAsync(u => u.Id == id, Ct);
        user.IsAdmin.Should().BeFalse();
        user.Roles.Select(r => r.Name).Should().Equal(AccessFactory.GrantableRole);
    }

    [Fact]
    public async Task Deleting_a_user_asks_first_then_deletes_and_refuses_what_the_rest_api_refuses()
    {
        var name = "ui-deleted-" + Guid.NewGuid().ToString("N")[..6];
        await app.CreateUserAsync(name, UiFactory.Password);
        var id = await IdOfAsync(name);
        var adminId = await IdOfAsync(UiFactory.AdminName);
        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.AdminName);
        using var managerApi = app.CreateClient(AccessFactory.ManagerName, UiFactory.Password);
        using var manager = app.Session();
        await manager.SignInOkAsync(AccessFactory.ManagerName);
        var managerToken = UiSession.Token(await manager.HtmlAsync("/ui"));

        var confirm = await session.HtmlAsync($"/ui/access/users/{id}/delete");
        var self = await session.PostAsync($"/ui/access/users/{adminId}/delete", UiSession.Token(confirm));
        var selfHtml = await self.Content.ReadAsStringAsync(Ct);
        var restAdmin = await managerApi.DeleteAsync($"/api/v1/users/{adminId}", Ct);
        var uiAdmin = await manager.PostAsync($"/ui/access/users/{adminId}/delete", managerToken);
        var uiAdminHtml = await uiAdmin.Content.ReadAsStringAsync(Ct);
        var deleted = await session.PostAsync($"/ui/access/users/{id}/delete", UiSession.Token(confirm));

        confirm.Should().Contain($"<h1>Delete {name}?</h1>");
        self.StatusCode.Should().Be(HttpStatusCode.Conflict);
        Regex.Match(selfHtml, "id=\"delete-refused\"[^>]*>([^<]*)<").Groups[1].Value.Should().Be("You cannot delete yourself.");
        restAdmin.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        uiAdmin.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        Regex.Match(uiAdminHtml, "id=\"delete-refused\"[^>]*>([^<]*)<").Groups[1].Value.Should().Be("Only an administrator may delete an administrator.");
        deleted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await IdOfAsync(name)).Should().Be(0);
        (await IdOfAsync(UiFactory.AdminName)).Should().Be(adminId, "refused deletions delete nothing");
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().AuditLog
            .CountAsync(a => a.Action == "delete" && a.Resource == $"users/{id}" && a.UserName == UiFactory.AdminName, Ct)).Should().Be(1);
    }

    [Fact]
    public async Task The_edit_form_joins_and_leaves_groups_under_the_group_member_rule()
    {
        var name = "ui-grouped-" + Guid.NewGuid().ToString("N")[..6];
        await app.CreateUserAsync(name, UiFactory.Password);
        var id = await IdOfAsync(name);
        var (analysts, editors) = await GroupsToJoinAsync();

        using var manager = app.Session();
        await manager.SignInOkAsync(AccessFactory.ManagerName);
        var form = await manager.HtmlAsync($"/ui/access/users/{id}/edit");
        var token = UiSession.Token(form);

        var refused = await manager.PostAsync($"/ui/access/users/{id}/edit", token, ("Input.IsActive", "true"), ("Input.GroupIds", $"{editors}"), ("Input.GroupIds", $"{analysts}"));
        var refusedHtml = await refused.Content.ReadAsStringAsync(Ct);
        var joined = await manager.PostAsync($"/ui/access/users/{id}/edit", token, ("Input.IsActive", "true"), ("Input.GroupIds", $"{analysts}"));
        var member = await GroupsOfAsync(id);
        var edit = await manager.HtmlAsync($"/ui/access/users/{id}/edit");
        var left = await manager.PostAsync($"/ui/access/users/{id}/edit", token, ("Input.IsActive", "true"));

        form.Should().Contain("name=\"Input.GroupIds\"").And.Contain("ui-analysts");
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        AccountPageTests.FieldError(refusedHtml, "groups-error").Should().Be("You may only grant roles whose permissions you hold yourself.");
        joined.StatusCode.Should().Be(HttpStatusCode.Redirect, await joined.Content.ReadAsStringAsync(Ct));
        member.Should().Equal(analysts);
        edit.Should().Contain($"name=\"Input.GroupIds\" value=\"{analysts}\" checked=\"checked\"");
        left.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await GroupsOfAsync(id)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_new_user_form_adds_the_user_to_the_groups_ticked_under_the_group_member_rule()
    {
        var refusedName = "ui-new-refused-" + Guid.NewGuid().ToString("N")[..6];
        var name = "ui-new-grouped-" + Guid.NewGuid().ToString("N")[..6];
        var (analysts, editors) = await GroupsToJoinAsync();
        using var manager = app.Session();
        await manager.SignInOkAsync(AccessFactory.ManagerName);
        var form = await manager.HtmlAsync("/ui/access/users/new");
        var token = UiSession.Token(form);

        var refused = await manager.PostAsync("/ui/access/users/new", token,
            ("Input.Name", refusedName), ("Input.Password", UiFactory.Password), ("Input.IsActive", "true"), ("Input.GroupIds", $"{editors}"), ("Input.GroupIds", $"{analysts}"));
        var refusedHtml = await refused.Content.ReadAsStringAsync(Ct);
        var created = await manager.PostAsync("/ui/access/users/new", token,
            ("Input.Name", name), ("Input.Password", UiFactory.Password), ("Input.IsActive", "true"), ("Input.GroupIds", $"{analysts}"));
        var id = await IdOfAsync(name);

        form.Should().Contain($"name=\"Input.GroupIds\" value=\"{analysts}\"").And.Contain($"name=\"Input.GroupIds\" value=\"{editors}\"");
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        AccountPageTests.FieldError(refusedHtml, "groups-error").Should().Be("You may only grant roles whose permissions you hold yourself.");
        refusedHtml.Should().Contain($"name=\"Input.GroupIds\" value=\"{analysts}\" checked=\"checked\"", "the ticked groups stay ticked");
        (await IdOfAsync(refusedName)).Should().Be(0, "a refused form creates no user");
        created.StatusCode.Should().Be(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync(Ct));
        created.Headers.Location!.ToString().Should().Be($"/ui/access/users/{id}/edit");
        (await GroupsOfAsync(id)).Should().Equal(analysts);
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().AuditLog
            .CountAsync(a => a.Action == "add" && a.Resource == $"groups/{analysts}/members/{id}" && a.UserName == AccessFactory.ManagerName, Ct))
            .Should().Be(1, "the membership went through GroupOperations.AddMemberAsync, as PUT /api/v1/groups/{id}/members/{userId}");
    }

    /// <summary>The seeded group <c>ui-analysts</c> (no roles) and a new group holding a role the manager may not grant.</summary>
    private async Task<(int Analysts, int Editors)> GroupsToJoinAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var analysts = await db.Groups.Where(g => g.Name == "ui-analysts").Select(g => g.Id).SingleAsync(Ct);
        var editing = new global::Taxii.Core.Security.Group
        {
            Name = "ui-editors-" + Guid.NewGuid().ToString("N")[..6],
            CreatedAt = DateTimeOffset.UtcNow,
            Roles = [await db.Roles.SingleAsync(r => r.Name == AccessFactory.EscalatingRole, Ct)],
        };
        db.Groups.Add(editing);
        await db.SaveChangesAsync(Ct);
        return (analysts, editing.Id);
    }

    private async Task<List<int>> GroupsOfAsync(int userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().GroupMemberships.Where(m => m.UserId == userId).Select(m => m.GroupId).ToListAsync(Ct);
    }

    private static string Row(string html, string name) =>
        Regex.Match(html, $"<tr data-id=\"\\d+\" data-name=\"{Regex.Escape(name)}\">.*?</tr>", RegexOptions.Singleline).Value;

    private async Task<int> IdOfAsync(string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().Users.Where(u => u.Name == name).Select(u => u.Id).SingleOrDefaultAsync(Ct);
    }

    private async Task<string> RoleIdAsync(string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var id = await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().Roles.Where(r => r.Name == name).Select(r => r.Id).SingleAsync(Ct);
        return id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
