namespace Taxii.Server.Admin;

/// <summary>
/// One page of a list, in id order. Paging is by keyset: pass <see cref="Next"/> back as <c>after</c> for the next
/// page; it is null on the last page.
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int? Next);
