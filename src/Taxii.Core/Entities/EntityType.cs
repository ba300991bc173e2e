namespace Taxii.Core.Entities;

/// <summary>The kinds of intelligence an entity can be, after STIX 1.x's top-level constructs.</summary>
public enum EntityType
{
    Indicator,
    Ttp,
    ThreatActor,
    Campaign,
    Incident,
    ExploitTarget,
    CourseOfAction,
    Report,
    Sighting,
    ObservableOnly,
}
