using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Taxii.Persistence;

/// <summary>Ready when the database answers and every migration in this build is applied.</summary>
internal sealed class DatabaseReadyHealthCheck(TaxiiDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                // the pooled connection it tried may have died with a restarted server, and the others with it
                DatabaseOutage.ClearPools();
                return HealthCheckResult.Unhealthy("database unreachable");
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            return pending == 0
                ? HealthCheckResult.Healthy("database reachable, schema up to date")
                : HealthCheckResult.Unhealthy($"{pending} migrations not applied");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // the reason goes to the log through the health check service; callers see only the status
            DatabaseOutage.Observe(e);
            return HealthCheckResult.Unhealthy("database unreachable", e);
        }
    }
}
