namespace Taxii.Core.Collections;

/// <summary>
/// A content binding with an optional subtype, stored as one string: the binding id, then the subtype after a
/// unit separator (U+001F), which no URI contains.
/// </summary>
public readonly record struct ContentBindingFilter(string BindingId, string? Subtype)
{
    private const char Separator = '\u001F';

    // the TAXII nesting expression separator; a URI never holds it unescaped
    private const char NestingSeparator = '|';

    public static ContentBindingFilter Parse(string value)
    {
        var at = value.IndexOf(Separator, StringComparison.Ordinal);
        return at < 0 ? new(value, null) : new(value[..at], value[(at + 1)..]);
    }

    public override string ToString() => Subtype is null ? BindingId : BindingId + Separator + Subtype;

    /// <summary>
    /// True when a block with this binding and subtype passes the filters (none means all). A block whose binding is a
    /// nesting expression (<c>W|A</c>: A inside the wrapper W, such as XML Encryption) passes when its wrapper does: TAXII
    /// says content in an acceptable wrapper is not an error, and filters never hold nesting expressions.
    /// </summary>
    public static bool Accepts(IReadOnlyCollection<string> filters, string bindingId, string? subtype)
    {
        var nested = bindingId.IndexOf(NestingSeparator, StringComparison.Ordinal);
        var wrapper = nested < 0 ? bindingId : bindingId[..nested];
        return filters.Count == 0
            || filters.Select(Parse).Any(f => (f.BindingId == bindingId || f.BindingId == wrapper) && (f.Subtype is null || f.Subtype == subtype));
    }
}
