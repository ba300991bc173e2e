namespace Taxii.Core.Collections;

/// <summary>A subscriber's standing request for a collection's content, delivered by poll or pushed to its inbox.</summary>
public sealed class Subscription
{
    /// <summary>The subscription_id the subscriber uses (a URN), unique.</summary>
    public required string Id { get; set; }

    public int CollectionId { get; set; }

    public Collection? Collection { get; set; }

    /// <summary>The collection management service it was made through (Subscription_Management answers name it).</summary>
    public int ServiceId { get; set; }

    /// <summary>The subscriber; null for an anonymous subscriber on a public service.</summary>
    public int? UserId { get; set; }

    /// <summary>"1.1" or "1.0": the TAXII version it was made in, and so the version of what is pushed.</summary>
    public required string ProtocolVersion { get; set; }

    public SubscriptionStatus Status { get; set; } = SubscriptionStatus.Active;

    public ResponseType ResponseType { get; set; } = ResponseType.Full;

    /// <summary>Accepted content, as <see cref="ContentBindingFilter"/> strings; empty means all.</summary>
    public List<string> ContentBindings { get; set; } = [];

    public string? QueryFormatId { get; set; }

    public string? QueryXml { get; set; }

    /// <summary>Where to push new content; null when the subscriber polls.</summary>
    public string? PushAddress { get; set; }

    public string? PushProtocolBinding { get; set; }

    public string? PushMessageBinding { get; set; }

    /// <summary>The end of the last window delivered: the next delivery starts after it.</summary>
    public DateTimeOffset? DeliveredUntil { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
