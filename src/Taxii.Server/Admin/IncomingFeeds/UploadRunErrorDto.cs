namespace Taxii.Server.Admin.IncomingFeeds;

public sealed record UploadRunErrorDto(string Package, string Reason);
