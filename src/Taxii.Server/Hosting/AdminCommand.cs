using Microsoft.EntityFrameworkCore;
using Taxii.Core.Security;
using Taxii.Persistence;

namespace Taxii.Server.Hosting;

/// <summary><c>admin create</c>: the documented way to create the first administrator.</summary>
internal static class AdminCommand
{
    public const int MinimumPasswordLength = 12;
    public const string PasswordVariable = "TAXII_ADMIN_PASSWORD";

    public static async Task<int> CreateAsync(IServiceProvider services, TaxiiCommand command, ILogger logger, CancellationToken cancellationToken)
    {
        var name = command.Option("--name")!.Trim();
        var password = command.Option("--password-stdin") is not null
            ? (await Console.In.ReadLineAsync(cancellationToken))?.TrimEnd('\r', '\n')
            : Environment.GetEnvironmentVariable(PasswordVariable);
        if (string.IsNullOrEmpty(password) || password.Length < MinimumPasswordLength)
        {
            logger.LogError("admin create needs a password of at least {Length} characters, from standard input (--password-stdin) or {Variable}",
                MinimumPasswordLength, PasswordVariable);
            return 2;
        }

        await Persistence.DependencyInjection.MigrateAsync(services, logger, cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        if (await db.Users.AnyAsync(u => u.Name == name, cancellationToken))
        {
            logger.LogError("A user named {Name} already exists", name);
            return 1;
        }

        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var user = new User { Name = name, Email = command.Option("--email"), IsAdmin = true, IsActive = true, CreatedAt = now, UpdatedAt = now };
        user.PasswordHash = scope.ServiceProvider.GetRequiredService<PasswordHashing>().Hash(user, password);
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Created administrator {Name} (id {Id})", user.Name, user.Id);
        return 0;
    }
}
