using System.Net;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Security;
using Taxii.Persistence;
using SecurityGroup = Taxii.Core.Security.Group;

namespace Taxii.Server.Tests.Ui;

/// <summary>
/// The groups pages over real HTTP: list (paged), create, edit (name, description, roles, members), delete, through the
/// REST API's rules (<c>GroupOperations</c>): joining a group hands out its roles, so no one adds a member to a group
/// holding a role they may not grant.
/// </summary>
public sealed class GroupPageTests(AccessFactory app) : IClassFixture<AccessFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_administrator_creates_a_group_with_a_role_and_a_member_edits_it_and_deletes_it()
    {
        var name = "ui-group-" + Guid.NewGuid().ToString("N")[..6];
        var member = "ui-member-" + Guid.NewGuid().ToString("N")[..6];
        await app.CreateUserAsync(member, UiFactory.Password);
        var roleId = (await RoleIdAsync(AccessFactory.UserReaderRole)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var api = app.CreateClient(member, UiFactory.Password);
        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.AdminName);
        var token = UiSession.Token(await session.HtmlAsync("/ui/access/groups/new"));

        var unknown = await session.PostAsync("/ui/access/groups/new", token, ("Input.Name", name), ("Input.AddMembers", $"{member}, ui-no-such-user"));
        var unknownHtml = await unknown.Content.ReadAsStringAsync(Ct);
        var noName = await session.PostAsync("/ui/access/groups/new", token, ("Input.Name", ""));
        var created = await session.PostAsync("/ui/access/groups/new", token,
            ("Input.Name", name), ("Input.Description", "reads the users"), ("Input.RoleIds", roleId), ("Input.AddMembers", member));
        var id = await GroupIdAsync(name);
        var joined = await api.GetStringAsync("/api/v1/me", Ct);
        var edit = await session.HtmlAsync($"/ui/access/groups/{id}/edit");
        var again = await session.PostAsync("/ui/access/groups/new", token, ("Input.Name", name));
        var left = await session.PostAsync($"/ui/access/groups/{id}/edit", token, ("Input.Name", name + "-renamed"), ("Input.RoleIds", roleId));
        var afterLeaving = await api.GetStringAsync("/api/v1/me", Ct);
        var list = await session.HtmlAsync($"/ui/access/groups?after={id - 1}");

        unknown.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        AccountPageTests.FieldError(unknownHtml, "members-error").Should().Be("No such user: ui-no-such-user");
        id.Should().BeGreaterThan(0, "the valid post created the group");
        noName.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        AccountPageTests.FieldError(await noName.Content.ReadAsStringAsync(Ct), "name-error").Should().Be("name is required");
        created.StatusCode.Should().Be(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync(Ct));
        created.Headers.Location!.ToString().Should().Be($"/ui/access/groups/{id}/edit");
        joined.Should().Contain("\"permissions\":[\"read users\"]", "joining the group hands out its role");
        edit.Should().Contain($"value=\"{roleId}\" checked=\"checked\"").And.Contain(member).And.Contain("reads the users");
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        AccountPageTests.FieldError(await again.Content.ReadAsStringAsync(Ct), "name-error").Should().Be($"A group named '{name}' already exists.");
        left.StatusCode.Should().Be(HttpStatusCode.Redirect, await left.Content.ReadAsStringAsync(Ct));
        afterLeaving.Should().Contain("\"permissions\":[]", "an unticked member leaves the group");
        RolePageTests.Row(list, name + "-renamed").Should().Contain("data-column=\"members\">0<").And.Contain($"data-column=\"roles\">{AccessFactory.UserReaderRole}<");

        var confirm = await session.HtmlAsync($"/ui/access/groups/{id}/delete");
        var deleted = await session.PostAsync($"/ui/access/groups/{id}/delete", UiSession.Token(confirm));

        deleted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await GroupIdAsync(name + "-renamed")).Should().Be(0);
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().AuditLog.Where(a => a.Resource == $"groups/{id}" || a.Resource.StartsWith($"groups/{id}/")).Select(a => a.Action).ToListAsync(Ct))
            .Should().BeEquivalentTo(["create", "grant", "add", "update", "remove", "delete"]);
    }

    [Fact]
    public async Task A_user_manager_cannot_add_a_member_to_a_group_holding_a_role_it_may_not_grant()
    {
        var name = "ui-group-esc-" + Guid.NewGuid().ToString("N")[..6];
        var target = "ui-joiner-" + Guid.NewGuid().ToString("N")[..6];
        var user = await app.CreateUserAsync(target, UiFactory.Password);
        var escalating = await RoleIdAsync(AccessFactory.EscalatingRole);
        var grantable = await RoleIdAsync(AccessFactory.UserReaderRole);
        int id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
            var group = new SecurityGroup { Name = name, CreatedAt = DateTimeOffset.UtcNow, Roles = [await db.Roles.SingleAsync(r => r.Id == escalating, Ct)] };
            db.Groups.Add(group);
            await db.SaveChangesAsync(Ct);
            id = group.Id;
        }

        using var api = app.CreateClient(AccessFactory.ManagerName, UiFactory.Password);
        using var session = app.Session();
        await session.SignInOkAsync(AccessFactory.ManagerName);
        var token = UiSession.Token(await session.HtmlAsync($"/ui/access/groups/{id}/edit"));
        var esc = escalating.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var ok = grantable.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var rest = await api.PutAsync($"/api/v1/groups/{id}/members/{user.Id}", null, Ct);
        var join = await session.PostAsync($"/ui/access/groups/{id}/edit", token, ("Input.Name", name), ("Input.RoleIds", esc), ("Input.AddMembers", target));
        var joinHtml = await join.Content.ReadAsStringAsync(Ct);
        var grant = await session.PostAsync("/ui/access/groups/new", token, ("Input.Name", name + "-new"), ("Input.RoleIds", esc));
        var swap = await session.PostAsync($"/ui/access/groups/{id}/edit", token, ("Input.Name", name), ("Input.RoleIds", ok), ("Input.AddMembers", target));

        rest.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        join.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        AccountPageTests.FieldError(joinHtml, "roles-error").Should().Be("You may only grant roles whose permissions you hold yourself.");
        grant.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await GroupIdAsync(name + "-new")).Should().Be(0, "a refused form creates nothing");
        swap.StatusCode.Should().Be(HttpStatusCode.Redirect, "revoking the role it may not grant, then adding a member, is allowed");
        await using var check = app.Services.CreateAsyncScope();
        var saved = await check.ServiceProvider.GetRequiredService<TaxiiDbContext>().Groups.Include(g => g.Roles).Include(g => g.Memberships).SingleAsync(g => g.Id == id, Ct);
        saved.Roles.Select(r => r.Id).Should().Equal(grantable);
        saved.Memberships.Select(m => m.UserId).Should().Equal(user.Id);
    }

    [Fact]
    public async Task The_list_is_paged_by_25()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
            db.Groups.AddRange(Enumerable.Range(0, 26).Select(i => new SecurityGroup { Name = $"ui-paged-group-{i:D2}-{Guid.NewGuid():N}"[..30], CreatedAt = DateTimeOffset.UtcNow }));
            await db.SaveChangesAsync(Ct);
        }

        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.AdminName);

        var first = await session.HtmlAsync("/ui/access/groups");
        var next = Regex.Match(first, "href=\"(/ui/access/groups\\?after=\\d+)\" rel=\"next\"").Groups[1].Value;
        var second = await session.HtmlAsync(next);

        Regex.Matches(first, "<tr data-id=").Count.Should().Be(25);
        var ids = Regex.Matches(first + second, "<tr data-id=\"(\\d+)\"").Select(m => m.Groups[1].Value).ToList();
        ids.Should().OnlyHaveUniqueItems().And.HaveCountGreaterThan(26);
        second.Should().Contain("rel=\"first\"");
    }

    private async Task<int> GroupIdAsync(string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().Groups.Where(g => g.Name == name).Select(g => g.Id).SingleOrDefaultAsync(Ct);
    }

    private async Task<int> RoleIdAsync(string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().Roles.Where(r => r.Name == name).Select(r => r.Id).SingleAsync(Ct);
    }
}
