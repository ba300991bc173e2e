using Taxii.Protocol.Messages;

namespace Taxii.Protocol;

/// <summary>
/// A TAXII message could not be read, or broke a rule of its version; <see cref="Status"/> is the status type to
/// answer with (almost always BAD_MESSAGE) and the message says precisely where and why.
/// </summary>
public sealed class TaxiiProtocolException : Exception
{
    public TaxiiProtocolException(StatusType status, string message)
        : base(message) => Status = status;

    public TaxiiProtocolException(StatusType status, string message, Exception innerException)
        : base(message, innerException) => Status = status;

    public StatusType Status { get; }

    /// <summary>
    /// The message_id of the message refused, when the reader could read it (the root's attribute, valid for its
    /// version) before it refused: answer with it as in_response_to. Null otherwise, when "0" is the convention.
    /// </summary>
    public string? MessageId { get; internal set; }
}
