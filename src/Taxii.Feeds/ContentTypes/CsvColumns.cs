namespace Taxii.Feeds.ContentTypes;

/// <summary>Where each column CsvReader knows is in a header (−1 when absent).</summary>
internal sealed class CsvColumns(List<string> header)
{
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
