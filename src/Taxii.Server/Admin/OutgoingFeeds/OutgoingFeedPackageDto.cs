namespace Taxii.Server.Admin.OutgoingFeeds;

/// <summary>A package of a run; <c>downloadable</c> when its bytes are kept (HTTP download feeds).</summary>
public sealed record OutgoingFeedPackageDto(int Sequence, string FileName, string MediaType, long Size, string Sha256, int EntityCount, bool Downloadable);
