namespace Taxii.Protocol.Messages;

/// <summary>A Collection's Push_Method: Protocol_Binding and Message_Binding+.</summary>
public sealed record PushMethod(string ProtocolBinding, IReadOnlyList<string> MessageBindings);
