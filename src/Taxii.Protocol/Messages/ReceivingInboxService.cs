namespace Taxii.Protocol.Messages;

/// <summary>TAXII 1.1 only: a Collection's Receiving_Inbox_Service (none listed content bindings = all the collection supports).</summary>
public sealed record ReceivingInboxService(string ProtocolBinding, string Address, IReadOnlyList<string> MessageBindings)
{
    public IReadOnlyList<ContentBinding> ContentBindings { get; init; } = [];
}
