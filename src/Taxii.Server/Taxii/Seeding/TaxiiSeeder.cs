using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Taxii.Core.Collections;
using Taxii.Persistence;

namespace Taxii.Server.Taxii.Seeding;

/// <summary>Creates the configured services and collections that do not exist yet; runs after the migrations.</summary>
internal sealed partial class TaxiiSeeder(
    IServiceScopeFactory scopes,
    IOptions<TaxiiSeedOptions> options,
    IOptions<Persistence.DatabaseOptions> database,
    TimeProvider time,
    ILogger<TaxiiSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!database.Value.MigrateAtStart)
        {
            return; // the schema may not be there yet: seeding waits for a start after `migrate`
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var now = time.GetUtcNow();
        var services = await db.Services.ToDictionaryAsync(s => ServiceDirectory.Normalize(s.Path), cancellationToken);
        foreach (var seed in options.Value.Services.Where(s => !services.ContainsKey(ServiceDirectory.Normalize(s.Path))))
        {
            if (seed.AdvertiseDefaultQuery && !Service.TakesQueries(seed.Type))
            {
                throw new InvalidOperationException($"{TaxiiSeedOptions.SectionName}:Services '{seed.Path}': only poll and collection management services take queries (AdvertiseDefaultQuery)");
            }

            var service = new Service
            {
                Type = seed.Type,
                Path = seed.Path,
                Description = seed.Description,
                Available = seed.Available,
                AuthenticationRequired = seed.AuthenticationRequired,
                DestinationCollectionRequired = seed.DestinationCollectionRequired,
                AdvertiseDefaultQuery = seed.AdvertiseDefaultQuery,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Services.Add(service);
            services[ServiceDirectory.Normalize(seed.Path)] = service;
            LogSeeded("service", seed.Path);
        }

        var names = await db.Collections.Select(c => c.Name).ToListAsync(cancellationToken);
        foreach (var seed in options.Value.Collections.Where(c => !names.Contains(c.Name)))
        {
            var unknown = seed.Services.FirstOrDefault(p => !services.ContainsKey(ServiceDirectory.Normalize(p)));
            if (unknown is not null)
            {
                throw new InvalidOperationException($"{TaxiiSeedOptions.SectionName}:Collections '{seed.Name}' names the service '{unknown}', which does not exist");
            }

            db.Collections.Add(new Collection
            {
                Name = seed.Name,
                Description = seed.Description,
                Type = seed.Type,
                ContentBindings = seed.ContentBindings,
                Services = [.. seed.Services.Select(p => services[ServiceDirectory.Normalize(p)])],
                CreatedAt = now,
                UpdatedAt = now,
            });
            LogSeeded("collection", seed.Name);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (services.Count == 0)
        {
            // every TAXII request would be answered 404: say so once, where an operator looks first
            LogNoServices();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "No TAXII service is configured: every TAXII request gets 404. Create services through /api/v1/services or list them in Taxii:Seed:Services (appsettings.json beside the program)")]
    private partial void LogNoServices();

    [LoggerMessage(Level = LogLevel.Information, Message = "Created {Kind} {Name} from Taxii:Seed")]
    private partial void LogSeeded(string kind, string name);
}
