namespace Taxii.Feeds.ContentTypes;

/// <summary>
/// The columns <see cref="CsvWriter"/> writes, and where each column <see cref="CsvReader"/> knows is in a header
/// (−1 when absent).
/// </summary>
internal sealed class CsvColumns(List<string> header)
{
    /// <summary>The header of every package, in this order; a Diff run puts <c>diff</c> first.</summary>
    public static readonly string[] Written =
        ["kind", "value", "maliciousness", "entity_id", "entity_type", "entity_title", "tlp", "valid_from", "first_seen", "updated_at"];

    public static readonly string[] WrittenWithDiff = ["diff", .. Written];

    public int Diff { get; } = header.IndexOf("diff");

    public int Kind { get; } = header.IndexOf("kind");

    public int Value { get; } = header.IndexOf("value");

    public int Maliciousness { get; } = header.IndexOf("maliciousness");

    public int EntityId { get; } = header.IndexOf("entity_id");

    public int EntityType { get; } = header.IndexOf("entity_type");

    public int Title { get; } = header.IndexOf("entity_title");

    public int Tlp { get; } = header.IndexOf("tlp");

    public int ValidFrom { get; } = header.IndexOf("valid_from");
}
