namespace Taxii.Core.Entities;

public enum Maliciousness
{
    Unknown,
    Safe,
    Low,
    Medium,
    High,
}
