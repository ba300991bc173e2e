using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Security;
using Taxii.Persistence;

namespace Taxii.Server.Tests.Ui;

/// <summary>
/// <see cref="UiFactory"/> plus what the users pages' tests need: a user manager who holds <c>read users</c> and
/// <c>modify users</c> but is no administrator, a user who may only read users, and roles one may grant and one not.
/// </summary>
public sealed class AccessFactory : UiFactory
{
    public const string ManagerName = "ui-user-manager";
    public const string UserReaderName = "ui-user-reader";

    /// <summary>Holds only what the manager holds: the manager may grant it.</summary>
    public const string GrantableRole = "user manager";

    /// <summary>Holds <c>modify taxii-services</c>, which the manager lacks: the manager may not grant it.</summary>
    public const string EscalatingRole = "taxii editor";

    public const string UserReaderRole = "user reader";

    protected override async Task SeedAsync()
    {
        await base.SeedAsync();
        var manager = await CreateUserAsync(ManagerName, Password);
        var reader = await CreateUserAsync(UserReaderName, Password);
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var managing = new Role { Name = GrantableRole, Permissions = [Permissions.ReadUsers, Permissions.ModifyUsers] };
        var reading = new Role { Name = UserReaderRole, Permissions = [Permissions.ReadUsers] };
        db.Roles.AddRange(managing, reading, new Role { Name = EscalatingRole, Permissions = [Permissions.ModifyTaxiiServices] });
        db.Users.AttachRange(manager, reader);
        manager.Roles.Add(managing);
        reader.Roles.Add(reading);
        db.Groups.Add(new Group { Name = "ui-analysts", CreatedAt = DateTimeOffset.UtcNow, Memberships = [new GroupMembership { UserId = reader.Id }] });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }
}
