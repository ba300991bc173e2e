using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Taxii.Server.Admin;
using Taxii.Server.Admin.Users;

namespace Taxii.Server.Tests.Admin;

public sealed class UserApiTests(AdminApiFactory app) : IClassFixture<AdminApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Anonymous_is_401_with_a_challenge_and_problem_details()
    {
        using var response = await app.CreateClient().GetAsync("/api/v1/users", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Should().NotBeEmpty();
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task A_user_without_the_permission_is_403()
    {
        using var response = await app.As(AdminApiFactory.NobodyName).GetAsync("/api/v1/users", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Created_user_can_be_fetched_and_its_password_is_never_shown()
    {
        using var created = await app.Admin().PostAsJsonAsync("/api/v1/users",
            new { name = "carol", email = "carol@example.org", password = "carols long password" }, Ct);

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        created.Headers.Location!.ToString().Should().MatchRegex("/api/v1/users/[0-9]+$");
        var body = await created.Content.ReadAsStringAsync(Ct);
        body.Should().NotContain("carols long password").And.NotContain("passwordHash");
        var fetched = await app.Admin().GetFromJsonAsync<UserDto>(created.Headers.Location, Ct);
        fetched!.Name.Should().Be("carol");
        fetched.Email.Should().Be("carol@example.org");
        fetched.IsActive.Should().BeTrue();
        fetched.IsAdmin.Should().BeFalse();
    }

    [Fact]
    public async Task A_second_user_with_the_same_name_is_409()
    {
        await app.CreateUserViaApiAsync("dave");

        using var again = await app.Admin().PostAsJsonAsync("/api/v1/users", new { name = "dave", password = AdminApiFactory.Password }, Ct);

        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await again.Content.ReadAsStringAsync(Ct)).Should().Contain("already exists");
    }

    [Fact]
    public async Task Invalid_fields_are_422_with_one_error_per_field()
    {
        using var response = await app.Admin().PostAsJsonAsync("/api/v1/users", new { name = "", password = "short" }, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var errors = problem.RootElement.GetProperty("errors");
        errors.TryGetProperty("name", out _).Should().BeTrue();
        errors.TryGetProperty("password", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Malformed_json_is_a_problem_not_a_crash()
    {
        using var response = await app.Admin().PostAsync("/api/v1/users", AdminApiFactory.Json("{\"name\": "), Ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadAsStringAsync(Ct);
        body.Should().NotMatchRegex(@"\bat [A-Z][\w.`]+[.(]", "no stack frame").And.NotContain("Exception");
        body.Should().Contain("not valid JSON (line 1, position");
    }

    [Fact]
    public async Task Paging_walks_every_user_once_with_the_next_cursor()
    {
        for (var i = 0; i < 5; i++)
        {
            await app.CreateUserViaApiAsync($"pager-{i}");
        }

        var seen = new List<string>();
        int? after = null;
        do
        {
            var page = await app.Admin().GetFromJsonAsync<Page<UserDto>>($"/api/v1/users?limit=2&name=pager-{(after is null ? "" : $"&after={after}")}", Ct);
            page!.Items.Count.Should().BeLessThanOrEqualTo(2);
            seen.AddRange(page.Items.Select(u => u.Name));
            after = page.Next;
        }
        while (after is not null);

        seen.Should().Equal("pager-0", "pager-1", "pager-2", "pager-3", "pager-4");
    }

    [Fact]
    public async Task Limit_out_of_range_is_422()
    {
        using var response = await app.Admin().GetAsync("/api/v1/users?limit=100000", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Update_changes_the_password_at_once_even_for_a_remembered_login()
    {
        var id = await app.CreateUserViaApiAsync("erin");
        (await app.As("erin").GetAsync("/api/v1/me", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);

        using var update = await app.Admin().PatchAsJsonAsync($"/api/v1/users/{id}", new { password = "erins new long password" }, Ct);

        update.StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.As("erin").GetAsync("/api/v1/me", Ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await app.As("erin", "erins new long password").GetAsync("/api/v1/me", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Deactivated_user_cannot_log_in()
    {
        var id = await app.CreateUserViaApiAsync("frank");

        (await app.Admin().PatchAsJsonAsync($"/api/v1/users/{id}", new { isActive = false }, Ct)).EnsureSuccessStatusCode();

        (await app.As("frank").GetAsync("/api/v1/me", Ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Delete_removes_the_user_and_unknown_ids_are_404()
    {
        var id = await app.CreateUserViaApiAsync("gina");

        (await app.Admin().DeleteAsync($"/api/v1/users/{id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await app.Admin().GetAsync($"/api/v1/users/{id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await app.Admin().DeleteAsync($"/api/v1/users/{id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_body_over_the_api_limit_is_refused_with_413_before_it_is_read()
    {
        // a raw request: the declared length is over the limit, and the server answers without waiting for the body
        var address = app.Address("/");
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port, Ct);
        await using var stream = tcp.GetStream();
        var credentials = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{AdminApiFactory.AdminName}:{AdminApiFactory.Password}"));
        var head = $"POST /api/v1/users HTTP/1.1\r\nHost: {address.Authority}\r\nAuthorization: Basic {credentials}\r\n"
            + $"Content-Type: application/json\r\nContent-Length: {AdminApi.MaxJsonBodySize + 1}\r\n\r\n{{\"name\":\"";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head), Ct);

        using var reader = new StreamReader(stream);
        var statusLine = await reader.ReadLineAsync(Ct);

        statusLine.Should().StartWith("HTTP/1.1 413");
    }

    [Fact]
    public async Task Nobody_deletes_themselves()
    {
        var me = await app.Admin().GetFromJsonAsync<AdminApiFactory.IdOnly>("/api/v1/me", Ct);

        (await app.Admin().DeleteAsync($"/api/v1/users/{me!.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }
}
