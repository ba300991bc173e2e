namespace Taxii.Persistence.Tests;

/// <summary>
/// Tests that watch which physical connection a pool hands out run alone: other test classes clear every pool when
/// they drop their databases, which would renew the connections under them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConnectionPoolCollection
{
    public const string Name = "connection pools";
}
