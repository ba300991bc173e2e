using Taxii.Core.Entities;

namespace Taxii.Server.Admin.Datasets;

public sealed record ObservableDto(string Kind, string Value, Maliciousness Maliciousness = Maliciousness.Unknown);
