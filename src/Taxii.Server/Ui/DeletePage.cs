using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Taxii.Server.Ui;

/// <summary>
/// A page that asks before deleting one thing: GET shows <see cref="Target"/> (404 when it is missing or not visible to
/// the user), the confirmation form posts back and the thing is deleted through its operations, the code behind the REST
/// API's <c>DELETE</c>, then the list at <paramref name="listPath"/> (under <see cref="UiSetup.Prefix"/>) opens. The
/// page's own permission is its <c>[Authorize]</c> policy.
/// </summary>
internal abstract class DeletePage<T>(string listPath) : PageModel
    where T : class
{
    /// <summary>The thing to delete, as the confirmation shows it.</summary>
    public T Target { get; private set; } = null!;

    /// <summary>What the operations refused (the REST API's message), shown above the form; null otherwise.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await ShowAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await DeleteAsync(id, cancellationToken))
        {
            return Redirect(UiSetup.Prefix + listPath);
        }

        // refused: the confirmation again, with the refusal and its status (set by Refuse)
        return Refusal is not null && await ShowAsync(id, cancellationToken) ? Page() : NotFound();
    }

    /// <summary>The thing by id, if the user may see it.</summary>
    protected abstract Task<T?> FindAsync(int id, CancellationToken cancellationToken);

    /// <summary>Deletes through the operations: true when deleted, false when not found or refused (<see cref="Refuse"/>).</summary>
    protected abstract Task<bool> DeleteAsync(int id, CancellationToken cancellationToken);

    /// <summary>What the confirmation says besides the thing itself (who holds a role, the feeds going with a dataset).</summary>
    protected virtual Task LoadDetailsAsync(int id, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Records the operations' refusal, answered with <paramref name="status"/> as the REST API answers it.</summary>
    protected void Refuse(int status, string message) => (Refusal, Response.StatusCode) = (message, status);

    private async Task<bool> ShowAsync(int id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } target)
        {
            return false;
        }

        Target = target;
        await LoadDetailsAsync(id, cancellationToken);
        return true;
    }
}
