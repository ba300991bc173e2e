using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Persistence;

namespace Taxii.Server.Tests.Ui;

/// <summary>
/// A user's client certificates page over real HTTP: pasted and uploaded PEM, the REST API's errors and refusals
/// (<c>CertificateOperations</c>), removal, and the permissions (<c>read users</c> sees, <c>modify users</c> changes).
/// </summary>
public sealed class AccessCertificateTests(AccessFactory app) : IClassFixture<AccessFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_administrator_adds_pasted_and_uploaded_certificates_sees_the_apis_errors_and_removes_one()
    {
        var name = "ui-cert-" + Guid.NewGuid().ToString("N")[..6];
        var user = await app.CreateUserAsync(name, UiFactory.Password);
        var pasted = Pem("CN=ui-pasted");
        var uploaded = Pem("CN=ui-uploaded");
        var path = $"/ui/access/users/{user.Id}/certificates";
        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.AdminName);
        var page = await session.HtmlAsync(path);
        var token = UiSession.Token(Regex.Match(page, "<form[^>]*id=\"add-certificate\".*?</form>", RegexOptions.Singleline).Value);

        var garbage = await session.PostAsync(path + "?handler=Add", token, ("Pem", "not a certificate"));
        var garbageHtml = await garbage.Content.ReadAsStringAsync(Ct);
        var added = await session.PostAsync(path + "?handler=Add", token, ("Pem", pasted));
        var again = await session.PostAsync(path + "?handler=Add", token, ("Pem", pasted));
        var upload = await UploadAsync(session, path + "?handler=Add", token, uploaded);
        var list = await session.HtmlAsync(path);

        page.Should().Contain("id=\"no-certificates\"");
        garbage.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        AccountPageTests.FieldError(garbageHtml, "pem-error").Should().Be("pem must hold one X.509 certificate in PEM (-----BEGIN CERTIFICATE-----)");
        added.StatusCode.Should().Be(HttpStatusCode.Redirect, await added.Content.ReadAsStringAsync(Ct));
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        AccountPageTests.FieldError(await again.Content.ReadAsStringAsync(Ct), "pem-error").Should().Be("That certificate is already registered.");
        upload.StatusCode.Should().Be(HttpStatusCode.Redirect, await upload.Content.ReadAsStringAsync(Ct));
        list.Should().Contain("CN=ui-pasted").And.Contain("CN=ui-uploaded");
        using var api = app.CreateClient(UiFactory.AdminName, UiFactory.Password);
        (await api.GetStringAsync($"/api/v1/users/{user.Id}/certificates", Ct)).Should().Contain("CN=ui-pasted").And.Contain("CN=ui-uploaded");

        var pastedId = Regex.Match(list, "<tr data-id=\"(\\d+)\">\\s*<td data-column=\"subject\">CN=ui-pasted<").Groups[1].Value;
        var removed = await session.PostAsync($"{path}?handler=Remove&certificateId={pastedId}", token);

        removed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await session.HtmlAsync(path)).Should().NotContain("CN=ui-pasted").And.Contain("CN=ui-uploaded");
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().AuditLog
            .Where(a => a.Resource.StartsWith($"users/{user.Id}/certificates/")).Select(a => a.Action).ToListAsync(Ct))
            .Should().BeEquivalentTo(["create", "create", "delete"]);
    }

    [Fact]
    public async Task A_user_reader_sees_certificates_without_forms_and_a_manager_may_not_add_one_to_an_administrator()
    {
        var adminId = await IdOfAsync(UiFactory.AdminName);
        var targetName = "ui-cert-read-" + Guid.NewGuid().ToString("N")[..6];
        var target = await app.CreateUserAsync(targetName, UiFactory.Password);
        using var reader = app.Session();
        await reader.SignInOkAsync(AccessFactory.UserReaderName);
        var readerToken = UiSession.Token(await reader.HtmlAsync("/ui"));
        using var manager = app.Session();
        await manager.SignInOkAsync(AccessFactory.ManagerName);
        var managerToken = UiSession.Token(await manager.HtmlAsync("/ui"));

        var readerPage = await reader.HtmlAsync($"/ui/access/users/{target.Id}/certificates");
        var readerPost = await reader.PostAsync($"/ui/access/users/{target.Id}/certificates?handler=Add", readerToken, ("Pem", Pem("CN=ui-reader")));
        var toAdmin = await manager.PostAsync($"/ui/access/users/{adminId}/certificates?handler=Add", managerToken, ("Pem", Pem("CN=ui-admin-sneak")));

        readerPage.Should().Contain("id=\"no-certificates\"").And.NotContain("id=\"add-certificate\"");
        readerPost.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        toAdmin.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        AccountPageTests.FieldError(await toAdmin.Content.ReadAsStringAsync(Ct), "pem-error").Should().Be("Only an administrator may add a way to log in as an administrator.");
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().UserCertificates.CountAsync(c => c.UserId == target.Id || c.UserId == adminId, Ct)).Should().Be(0);
    }

    private static string Pem(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return certificate.ExportCertificatePem();
    }

    private static Task<HttpResponseMessage> UploadAsync(UiSession session, string path, string token, string pem)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(""), "Pem" },
        };
        var file = new ByteArrayContent(Encoding.ASCII.GetBytes(pem));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/x-pem-file");
        form.Add(file, "PemFile", "client.pem");
        return session.Client.PostAsync(path, form, Ct);
    }

    private async Task<int> IdOfAsync(string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().Users.Where(u => u.Name == name).Select(u => u.Id).SingleAsync(Ct);
    }
}
