namespace Taxii.Protocol.Query;

/// <summary>A <c>tdq:Parameter</c>: <c>@name</c> and its text value, kept verbatim.</summary>
public sealed record TestParameter(string Name, string Value);
