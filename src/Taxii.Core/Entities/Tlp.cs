namespace Taxii.Core.Entities;

/// <summary>Traffic Light Protocol, from most to least shareable.</summary>
public enum Tlp
{
    White,
    Green,
    Amber,
    Red,
}
