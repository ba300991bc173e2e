using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Taxii.Testing;
using CollectionType = Taxii.Core.Collections.CollectionType;
using ServiceType = Taxii.Core.Collections.ServiceType;

namespace Taxii.Server.Tests.Taxii;

/// <summary>
/// A subscriber's TAXII server whose inboxes require authentication: per name, an inbox <c>/inbox-{name}/</c> into the
/// collection <c>received-{name}</c>, which only the user <see cref="Pusher"/> may write (with <see cref="Password"/>, or
/// with <see cref="Certificate"/> where one is registered); no job server.
/// </summary>
public abstract class AuthenticatedInboxes : TaxiiAppFactory
{
    public const string Pusher = "the-publisher";
    public const string Password = "the publisher's inbox password";

    private readonly IReadOnlyList<string> _names;

    protected AuthenticatedInboxes(IReadOnlyList<string> names) => _names = names;

    /// <summary>Over HTTPS (a self-signed server certificate); <see cref="Certificate"/> authenticates <see cref="Pusher"/>.</summary>
    protected AuthenticatedInboxes(IReadOnlyList<string> names, X509Certificate2 certificate)
        : base(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.UseHttps(TestCertificates.Create("CN=localhost"))))
    {
        _names = names;
        Certificate = certificate;
    }

    public X509Certificate2? Certificate { get; }

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Taxii:Jobs:RunServer"] = "false" };

    protected override async Task SeedAsync()
    {
        var pusher = await CreateUserAsync(Pusher, Password);
        foreach (var name in _names)
        {
            await TestData.AddServiceAsync(this, ServiceType.Inbox, $"/inbox-{name}/", authenticationRequired: true);
            await TestData.AddCollectionAsync(this, $"received-{name}", CollectionType.DataFeed, [], $"/inbox-{name}/");
        }

        await TestData.GrantAsync(this, pusher, read: false, write: true, [.. _names.Select(n => $"received-{n}")]);
        if (Certificate is not null)
        {
            await TestData.RegisterCertificateAsync(this, pusher, Certificate);
        }
    }
}
