namespace Taxii.Core.Entities;

public sealed record NewObservable(string Kind, string Value, Maliciousness Maliciousness = Maliciousness.Unknown);
