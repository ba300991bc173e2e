using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml;

/// <summary>A message read from the wire, with the version its root namespace declared.</summary>
public sealed record TaxiiMessageRead(TaxiiVersion Version, ITaxiiMessage Message);
