using System.Net;
using System.Net.Http.Json;
using FluentAssertions;
using Taxii.Core.Security;
using Taxii.Server.Admin;
using Taxii.Server.Admin.Audit;
using Taxii.Server.Admin.Groups;
using Taxii.Server.Admin.Roles;
using Taxii.Server.Admin.Settings;
using Taxii.Server.Admin.Tokens;

namespace Taxii.Server.Tests.Admin;

/// <summary>Roles, groups, tokens and the audit log: permissions reach users directly and through groups.</summary>
public sealed class AccessControlApiTests(AdminApiFactory app) : IClassFixture<AdminApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_role_given_through_a_group_grants_its_permission_at_once()
    {
        var userId = await app.CreateUserViaApiAsync("helen");
        (await app.As("helen").GetAsync("/api/v1/users", Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var role = await CreateRoleAsync("user-readers", Permissions.ReadUsers);
        var group = await CreateGroupAsync("readers");

        (await app.Admin().PutAsync($"/api/v1/groups/{group.Id}/roles/{role.Id}", null, Ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await app.Admin().PutAsync($"/api/v1/groups/{group.Id}/members/{userId}", null, Ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await app.As("helen").GetAsync("/api/v1/users", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.As("helen").PostAsJsonAsync("/api/v1/users", new { name = "x", password = AdminApiFactory.Password }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden, "reading is not modifying");
        var fetched = await app.Admin().GetFromJsonAsync<GroupDto>($"/api/v1/groups/{group.Id}", Ct);
        fetched!.MemberIds.Should().Equal(userId);
        fetched.RoleIds.Should().Equal(role.Id);

        (await app.Admin().DeleteAsync($"/api/v1/groups/{group.Id}/members/{userId}", Ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await app.As("helen").GetAsync("/api/v1/users", Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_role_given_directly_grants_its_permissions_and_revoking_takes_them_back()
    {
        var userId = await app.CreateUserViaApiAsync("ivan");
        var role = await CreateRoleAsync("user-admins", Permissions.ReadUsers, Permissions.ModifyUsers);

        (await app.Admin().PutAsync($"/api/v1/users/{userId}/roles/{role.Id}", null, Ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var me = await app.As("ivan").GetFromJsonAsync<MeDto>("/api/v1/me", Ct);
        me!.Permissions.Should().BeEquivalentTo(Permissions.ReadUsers, Permissions.ModifyUsers);

        (await app.Admin().DeleteAsync($"/api/v1/users/{userId}/roles/{role.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await app.As("ivan").GetFromJsonAsync<MeDto>("/api/v1/me", Ct))!.Permissions.Should().BeEmpty();
    }

    [Fact]
    public async Task No_one_grants_more_than_they_hold_nor_makes_an_admin()
    {
        var userId = await app.CreateUserViaApiAsync("judy");
        var userAdmins = await CreateRoleAsync("judy-user-admins", Permissions.ReadUsers, Permissions.ModifyUsers);
        var datasets = await CreateRoleAsync("dataset-admins", Permissions.ModifyDatasets);
        (await app.Admin().PutAsync($"/api/v1/users/{userId}/roles/{userAdmins.Id}", null, Ct)).EnsureSuccessStatusCode();
        var judy = app.As("judy");

        (await judy.PutAsync($"/api/v1/users/{userId}/roles/{datasets.Id}", null, Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await judy.PostAsJsonAsync("/api/v1/roles", new { name = "sneaky", permissions = new[] { Permissions.ModifyDatasets } }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await judy.PostAsJsonAsync("/api/v1/users", new { name = "judys-admin", password = AdminApiFactory.Password, isAdmin = true }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await judy.PatchAsJsonAsync($"/api/v1/users/{userId}", new { isAdmin = true }, Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Unknown_permissions_are_422_and_the_catalogue_lists_the_known_ones()
    {
        using var response = await app.Admin().PostAsJsonAsync("/api/v1/roles", new { name = "bad", permissions = new[] { "fly planes" } }, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain("'fly planes' is not a permission");
        (await app.Admin().GetFromJsonAsync<string[]>("/api/v1/permissions", Ct)).Should().BeEquivalentTo(Permissions.All);
    }

    [Fact]
    public async Task Group_and_role_names_are_unique()
    {
        await CreateGroupAsync("twins");
        await CreateRoleAsync("twin-role");

        (await app.Admin().PostAsJsonAsync("/api/v1/groups", new { name = "twins" }, Ct)).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await app.Admin().PostAsJsonAsync("/api/v1/roles", new { name = "twin-role" }, Ct)).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_token_authenticates_its_owner_until_revoked_and_its_secret_is_shown_once()
    {
        await app.CreateUserViaApiAsync("kate");
        using var created = await app.As("kate").PostAsJsonAsync("/api/v1/me/tokens", new { name = "script" }, Ct);
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var token = (await created.Content.ReadFromJsonAsync<CreatedTokenDto>(Ct))!;
        token.Token.Should().StartWith("taxii_");

        (await app.WithToken(token.Token).GetFromJsonAsync<MeDto>("/api/v1/me", Ct))!.Name.Should().Be("kate");
        var listed = await app.As("kate").GetStringAsync("/api/v1/me/tokens", Ct);
        listed.Should().Contain("script").And.NotContain(token.Token);
        (await app.Admin().DeleteAsync($"/api/v1/me/tokens/{token.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound, "only the owner revokes");

        (await app.As("kate").DeleteAsync($"/api/v1/me/tokens/{token.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await app.WithToken(token.Token).GetAsync("/api/v1/me", Ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await app.WithToken("taxii_not-a-real-token").GetAsync("/api/v1/me", Ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Changes_are_audited_for_administrators_only()
    {
        var group = await CreateGroupAsync("audited");

        var page = await app.Admin().GetFromJsonAsync<AuditPage>($"/api/v1/audit?resource=groups/{group.Id}", Ct);

        page!.Items.Should().ContainSingle(e => e.Action == "create" && e.UserName == AdminApiFactory.AdminName && e.Details!.Contains("audited"));
        (await app.As(AdminApiFactory.NobodyName).GetAsync("/api/v1/audit", Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Settings_show_the_limits_in_force()
    {
        var settings = await app.Admin().GetFromJsonAsync<SettingsDto>("/api/v1/settings", Ct);

        settings!.MaxBlobSize.Should().Be(20L * 1024 * 1024);
        settings.MaxUploadedBlobSize.Should().Be(10L * 1024 * 1024);
        settings.PollAllowedDirectories.Should().BeEmpty();
    }

    private async Task<RoleDto> CreateRoleAsync(string name, params string[] permissions)
    {
        using var response = await app.Admin().PostAsJsonAsync("/api/v1/roles", new { name, permissions }, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<RoleDto>(Ct))!;
    }

    private async Task<GroupDto> CreateGroupAsync(string name)
    {
        using var response = await app.Admin().PostAsJsonAsync("/api/v1/groups", new { name }, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<GroupDto>(Ct))!;
    }
}
