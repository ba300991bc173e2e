namespace Taxii.Server.Admin.IncomingFeeds;

/// <summary>A package a run could not ingest, and why.</summary>
public sealed record IncomingFeedRunErrorDto(string Package, string Reason);
