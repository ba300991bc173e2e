namespace Taxii.Feeds.ContentTypes;

/// <summary>One CSV data row, its fields looked up by column.</summary>
internal sealed class CsvRow(CsvColumns columns, string[] fields, int line)
{
    public CsvColumns Columns => columns;

    public int Line => line;

    /// <summary>The field in <paramref name="column"/> without surrounding whitespace; null when the column is absent or the field empty.</summary>
    public string? Get(int column)
    {
        if (column < 0)
        {
            return null;
        }

        var value = fields[column].Trim();
        return value.Length == 0 ? null : value;
    }
}
