namespace Taxii.Server.Ui;

/// <summary>What the shared sort headers (<c>_SortHeader</c>) and pager (<c>_Pager</c>) of a <see cref="SortedListPage{TEntity, TRow}"/> show.</summary>
internal interface ISortedList
{
    int PageNumber { get; }

    bool HasNextPage { get; }

    string SortLink(string column);

    string PageLink(int page);

    /// <summary>The first page, in the same order (no page number in the address).</summary>
    string FirstPageLink();

    string? AriaSort(string column);
}

/// <summary>One sortable column header: the list, the column's query value and its header text.</summary>
internal sealed record SortHeader(ISortedList List, string Column, string Text);
