namespace Taxii.Protocol.Tests.Support;

/// <summary>The four messages that carry content blocks: Inbox_Message and Poll_Response, in TAXII 1.1 and 1.0.</summary>
public enum Carrier
{
    Inbox11,
    Poll11,
    Inbox10,
    Poll10,
}
