namespace Taxii.Protocol.Messages;

/// <summary>
/// A content binding ID with optional subtypes. In advertising and filter fields any number of subtypes is allowed
/// (none = all subtypes); a Content_Block carries at most one. TAXII 1.0 has no subtypes.
/// </summary>
public sealed record ContentBinding(string BindingId)
{
    public IReadOnlyList<string> Subtypes { get; init; } = [];
}
