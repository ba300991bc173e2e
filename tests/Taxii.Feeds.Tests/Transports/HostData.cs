using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Collections;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Testing;

namespace Taxii.Feeds.Tests.Transports;

/// <summary>Services, collections and rights written straight into a test host's database.</summary>
internal static class HostData
{
    /// <summary>
    /// An inbox or poll service at <paramref name="path"/> serving new collections of the given names. Only from SeedAsync:
    /// the host caches its services at the first TAXII request.
    /// </summary>
    public static async Task AddServiceAsync(this TaxiiAppFactory app, ServiceType type, string path, params string[] collections)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var now = DateTimeOffset.UtcNow;
        var service = new Service { Type = type, Path = path, AuthenticationRequired = true, CreatedAt = now, UpdatedAt = now };
        foreach (var name in collections)
        {
            service.Collections.Add(new Collection { Name = name, Description = name, CreatedAt = now, UpdatedAt = now });
        }

        db.Services.Add(service);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Puts <paramref name="user"/> in a group of its own that may read and write the named collections.</summary>
    public static async Task GrantAsync(this TaxiiAppFactory app, User user, params string[] collections)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var group = new Group { Name = $"group of {user.Name}", CreatedAt = DateTimeOffset.UtcNow };
        group.Memberships.Add(new GroupMembership { UserId = user.Id });
        db.Groups.Add(group);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        foreach (var id in await db.Collections.Where(c => collections.Contains(c.Name)).Select(c => c.Id).ToListAsync(TestContext.Current.CancellationToken))
        {
            db.CollectionAccess.Add(new CollectionAccess { CollectionId = id, GroupId = group.Id, CanRead = true, CanWrite = true });
        }

        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }
}
