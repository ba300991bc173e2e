namespace Taxii.Protocol.Messages;

/// <summary>
/// A service contact: Protocol_Binding, Address, Message_Binding+. Used for Polling_Service, Subscription_Service
/// and Poll_Instance.
/// </summary>
public sealed record ServiceEndpoint(string ProtocolBinding, string Address, IReadOnlyList<string> MessageBindings);
