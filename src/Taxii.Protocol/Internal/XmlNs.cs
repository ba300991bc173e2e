namespace Taxii.Protocol.Internal;

/// <summary>The prefix and namespace URI a version's envelope is written with.</summary>
internal readonly record struct XmlNs(string Prefix, string Uri);
