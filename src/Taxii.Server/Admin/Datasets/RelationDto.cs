namespace Taxii.Server.Admin.Datasets;

/// <summary>A link to another entity by its external id; <c>type</c> is lower-case and dash-separated (<c>indicated-ttp</c>).</summary>
public sealed record RelationDto(string Type, string Target);
