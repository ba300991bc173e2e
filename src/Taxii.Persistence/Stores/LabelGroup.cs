namespace Taxii.Persistence.Stores;

/// <summary>The blocks of a window that share one timestamp label: the last one's keyset position and how many they are.</summary>
public readonly record struct LabelGroup(DateTimeOffset Label, long LastId, long Count)
{
    public KeysetPosition Last => new(Label, LastId);
}
