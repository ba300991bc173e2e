namespace Taxii.Protocol.Messages;

/// <summary>How the body of a Content (or another mixed-content element) is carried.</summary>
public enum TaxiiContentKind
{
    /// <summary>Character data only (JSON, base64, plain text), kept exactly.</summary>
    Text,

    /// <summary>An XML fragment, self-contained: every in-scope namespace is declared on its root element.</summary>
    Xml,
}
