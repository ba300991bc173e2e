using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Audit;
using Taxii.Persistence;
using Taxii.Server.Auth;

namespace Taxii.Server.Admin;

/// <summary>Adds an audit entry to the context, so it is saved in the same transaction as the change it records.</summary>
internal static class AuditLog
{
    /// <summary>
    /// Saves a new row and its "create" entry in one transaction (the entry names the row's id, known only after the
    /// insert). False when a unique index refused the row: nothing is saved.
    /// </summary>
    public static async Task<bool> SaveNewAsync(TaxiiDbContext db, ClaimsPrincipal user, TimeProvider time, Func<string> resource, string? details, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (Conflicts.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return false;
        }

        Record(db, user, time, "create", resource(), details);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Records <paramref name="action"/> and saves it with the pending change. False when a unique index refused the
    /// change (a name or path already taken): nothing is saved.
    /// </summary>
    public static async Task<bool> SaveChangeAsync(TaxiiDbContext db, ClaimsPrincipal user, TimeProvider time, string action, string resource, string? details, CancellationToken cancellationToken)
    {
        Record(db, user, time, action, resource, details);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (Conflicts.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    public static void Record(TaxiiDbContext db, ClaimsPrincipal user, TimeProvider time, string action, string resource, string? details = null)
    {
        var caller = Taxii.TaxiiCaller.From(user);
        db.AuditLog.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            UserId = caller.UserId,
            UserName = user.FindFirstValue(ClaimTypes.Name) ?? "(anonymous)",
            Action = action,
            Resource = resource,
            Details = details,
        });
    }
}
