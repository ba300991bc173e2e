namespace Taxii.Benchmarks.Wrk;

/// <summary>
/// One line of the wrk table: a TAXII request shape (<see cref="Mode"/> and its body file), where it goes, with how many
/// connections, and what its figure counts (requests, or blocks for polls and multi-block inbox messages).
/// </summary>
internal sealed record WrkScenario(string Name, string Mode, string ServicePath, string BodyFile, int Connections, bool Authenticated)
{
    public string? FulfilmentFile { get; init; }

    public int BlocksPerMessage { get; init; }

    /// <summary>Whether the figure is blocks per second rather than answers per second.</summary>
    public bool CountsBlocks => Mode == "poll" || BlocksPerMessage > 1;
}
