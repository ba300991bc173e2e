using Taxii.Core.Entities;

namespace Taxii.Core.Feeds;

/// <summary>What of the source datasets an outgoing feed publishes; every empty criterion lets everything through.</summary>
public sealed class OutgoingFeedFilter
{
    public List<EntityType> EntityTypes { get; set; } = [];

    /// <summary>The least shareable TLP published (Amber publishes White, Green and Amber); entities without TLP always pass.</summary>
    public Tlp? MaxTlp { get; set; }

    /// <summary>The least reliable source published, Admiralty A (best) to F; entities without reliability always pass.</summary>
    public char? MinReliability { get; set; }

    /// <summary>Only entities carrying an observable of these kinds, and only those observables, are published.</summary>
    public List<string> ObservableKinds { get; set; } = [];

    /// <summary>
    /// Bounds on when the intelligence holds (its valid-from time, else when it was first stored): absolute from and
    /// until, and a relative maximum age measured at each run.
    /// </summary>
    public DateTimeOffset? From { get; set; }

    public DateTimeOffset? Until { get; set; }

    public TimeSpan? MaxAge { get; set; }
}
