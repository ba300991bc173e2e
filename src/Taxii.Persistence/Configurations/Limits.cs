namespace Taxii.Persistence.Configurations;

/// <summary>Column lengths: bounded so that over-long input is refused by validation, not by a database error.</summary>
public static class Limits
{
    public const int NameLength = 200;
    public const int EmailLength = 320;
    public const int HashLength = 512;
    public const int PathLength = 1024;
    public const int UriLength = 2048;
}
