using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Collections;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Persistence.Stores;
using Taxii.Server.Taxii;
using Taxii.Testing;

namespace Taxii.Server.Tests.Taxii;

/// <summary>Services, collections, grants and content written straight to a test host's database.</summary>
internal static class TestData
{
    public static async Task<Service> AddServiceAsync(
        TaxiiAppFactory app, ServiceType type, string path, bool available = true, bool authenticationRequired = true)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var service = new Service
        {
            Type = type,
            Path = path,
            Available = available,
            AuthenticationRequired = authenticationRequired,
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.Services.Add(service);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        scope.ServiceProvider.GetRequiredService<ServiceDirectory>().Invalidate();
        return service;
    }

    public static async Task<Collection> AddCollectionAsync(
        TaxiiAppFactory app, string name, CollectionType type, IEnumerable<string> bindings, params string[] servicePaths)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var services = await db.Services.Where(s => servicePaths.Contains(s.Path)).ToListAsync(TestContext.Current.CancellationToken);
        var collection = new Collection
        {
            Name = name,
            Description = $"{name} for tests",
            Type = type,
            ContentBindings = [.. bindings],
            Services = services,
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.Collections.Add(collection);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return collection;
    }

    /// <summary>Puts <paramref name="user"/> in a group of its own with the given rights on the named collections.</summary>
    public static async Task GrantAsync(TaxiiAppFactory app, User user, bool read, bool write, params string[] collections)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var group = new Group { Name = $"group of {user.Name}", CreatedAt = DateTimeOffset.UtcNow };
        group.Memberships.Add(new GroupMembership { UserId = user.Id });
        db.Groups.Add(group);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        foreach (var id in await db.Collections.Where(c => collections.Contains(c.Name)).Select(c => c.Id).ToListAsync(TestContext.Current.CancellationToken))
        {
            db.CollectionAccess.Add(new CollectionAccess { CollectionId = id, GroupId = group.Id, CanRead = read, CanWrite = write });
        }

        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// Registers <paramref name="certificate"/> to <paramref name="user"/> straight in the database, as the API would
    /// (pinned by SHA-256): for hosts that no one can reach without a certificate.
    /// </summary>
    public static async Task RegisterCertificateAsync(TaxiiAppFactory app, User user, X509Certificate2 certificate)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        db.UserCertificates.Add(new UserCertificate
        {
            UserId = user.Id,
            Thumbprint = Convert.ToHexString(SHA256.HashData(certificate.RawData)),
            Subject = certificate.Subject,
            NotBefore = certificate.NotBefore.ToUniversalTime(),
            NotAfter = certificate.NotAfter.ToUniversalTime(),
            CreatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The contents of a collection's blocks, as text, in label order.</summary>
    public static async Task<List<string>> ContentsAsync(TaxiiAppFactory app, string collection)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var collectionId = await db.Collections.Where(c => c.Name == collection).Select(c => c.Id).SingleAsync(TestContext.Current.CancellationToken);
        var blocks = await db.ContentBlocks.Where(x => x.CollectionId == collectionId).OrderBy(x => x.TimestampLabel).ThenBy(x => x.Id)
            .Select(x => x.Content).ToListAsync(TestContext.Current.CancellationToken);
        return [.. blocks.Select(Encoding.UTF8.GetString)];
    }

    /// <summary>Appends XML blocks to a collection through the content store (server labels, one transaction); returns their ids.</summary>
    public static async Task<IReadOnlyList<long>> AddBlocksAsync(
        TaxiiAppFactory app, string collection, string binding, params string[] contents)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var collectionId = await db.Collections.Where(c => c.Name == collection).Select(c => c.Id).SingleAsync(TestContext.Current.CancellationToken);
        var stored = await scope.ServiceProvider.GetRequiredService<ContentStore>().AppendAsync(
            [.. contents.Select(c => new NewContentBlock(collectionId, Encoding.UTF8.GetBytes(c), binding, null, null, IsXml: true))],
            TestContext.Current.CancellationToken);
        return [.. stored.Select(b => b.Id)];
    }
}
