using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Taxii.Server.Ui.Pages;

/// <summary>The start page: the sections the user may open (the same list as the side navigation).</summary>
internal sealed class IndexModel(UiNavigation navigation) : PageModel
{
    public IReadOnlyList<NavigationEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync() => Entries = await navigation.VisibleAsync(User);
}
