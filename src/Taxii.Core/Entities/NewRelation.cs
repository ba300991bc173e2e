namespace Taxii.Core.Entities;

public sealed record NewRelation(string Type, string TargetExternalId);
