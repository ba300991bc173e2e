namespace Taxii.Protocol.Internal;

/// <summary>
/// A top-level element of verbatim content as the reader saw it: its name as written (prefix, empty for none, and
/// local name), and the declarations (with their leading spaces) to insert after that name, or null when it relies on
/// none of the envelope's.
/// </summary>
internal readonly record struct TopLevelElement(string Prefix, string LocalName, string? Declarations);
