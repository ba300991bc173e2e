namespace Taxii.Protocol.Messages;

/// <summary>
/// Poll_Parameters (TAXII 1.1). A TAXII 1.0 Poll_Request's Content_Binding list maps onto
/// <see cref="ContentBindings"/> (without subtypes); the other fields are 1.1 only.
/// </summary>
public sealed record PollParameters
{
    public bool AllowAsynch { get; init; }

    public ResponseType ResponseType { get; init; } = ResponseType.Full;

    public IReadOnlyList<ContentBinding> ContentBindings { get; init; } = [];

    public TaxiiQuery? Query { get; init; }

    /// <summary>MUST NOT be sent unless <see cref="AllowAsynch"/> is true.</summary>
    public PushParameters? DeliveryParameters { get; init; }
}
