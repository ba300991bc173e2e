using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Taxii.Persistence;

/// <summary>
/// A save interceptor for caches of rows: it asks what a save touches before the rows are written and reports it
/// then, and again once the save has ended (saved or failed). A reader that read the old rows in between kept them
/// under the first report, which the second makes stale. A pooled context saves one change at a time, so what a save
/// in progress touches is kept per context.
/// </summary>
/// <typeparam name="TTouched">What a save touches that the watcher cares about.</typeparam>
public abstract class SaveWatcher<TTouched> : SaveChangesInterceptor
    where TTouched : class
{
    private readonly ConditionalWeakTable<DbContext, TTouched> _saving = [];

    public sealed override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Saving(eventData.Context);
        return result;
    }

    public sealed override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Saving(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public sealed override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Ended(eventData.Context);
        return result;
    }

    public sealed override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Ended(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public sealed override void SaveChangesFailed(DbContextErrorEventData eventData) => Ended(eventData.Context);

    public sealed override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Ended(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>What the save about to start touches that matters here, or null when nothing does.</summary>
    protected abstract TTouched? Touched(DbContext context);

    /// <summary>Called before the rows are written and again once the save has ended, with what it touched.</summary>
    protected abstract void Changed(TTouched touched);

    private void Saving(DbContext? context)
    {
        if (context is not null && Touched(context) is { } touched)
        {
            _saving.AddOrUpdate(context, touched);
            Changed(touched);
        }
    }

    private void Ended(DbContext? context)
    {
        if (context is not null && _saving.TryGetValue(context, out var touched))
        {
            _saving.Remove(context);
            Changed(touched);
        }
    }
}
