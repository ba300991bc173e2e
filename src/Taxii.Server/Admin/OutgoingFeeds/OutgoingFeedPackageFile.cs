namespace Taxii.Server.Admin.OutgoingFeeds;

/// <summary>A kept package, found but not read: its bytes are streamed by <see cref="OutgoingFeedOperations.CopyPackageAsync"/>.</summary>
internal sealed record OutgoingFeedPackageFile(long Id, string FileName, string MediaType, long Size);
