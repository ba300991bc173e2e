namespace Taxii.Protocol.Messages;

/// <summary>One Extended_Header; recipients ignore the ones they do not recognise.</summary>
public sealed record ExtendedHeader(string Name, TaxiiContent Value);
