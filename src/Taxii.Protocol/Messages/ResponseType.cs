namespace Taxii.Protocol.Messages;

/// <summary>TAXII 1.1 Response_Type; 1.0 always answers in full.</summary>
public enum ResponseType
{
    Full,
    CountOnly,
}
