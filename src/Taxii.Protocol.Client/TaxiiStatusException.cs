using System.Net;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Client;

/// <summary>
/// The peer did not do what was asked: it answered with a Status_Message other than the expected success,
/// or with an HTTP status other than 200 (mapped per the HTTP binding §5.1).
/// </summary>
public sealed class TaxiiStatusException : Exception
{
    public TaxiiStatusException(StatusMessage reply, HttpStatusCode httpStatusCode = HttpStatusCode.OK)
        : base(Describe(reply.Status, reply.Message))
    {
        Reply = reply;
        Status = reply.Status;
        HttpStatusCode = httpStatusCode;
    }

    public TaxiiStatusException(StatusType status, string message, HttpStatusCode httpStatusCode)
        : base(Describe(status, message))
    {
        Status = status;
        HttpStatusCode = httpStatusCode;
    }

    /// <summary>The status type: the peer's own, or the one its HTTP status maps to.</summary>
    public StatusType Status { get; }

    /// <summary>The Status_Message the peer sent, with its details; null when it sent only an HTTP status.</summary>
    public StatusMessage? Reply { get; }

    /// <summary>The Status_Detail items (TAXII 1.1); empty when there were none.</summary>
    public IReadOnlyList<StatusDetail> Details => Reply?.Details ?? [];

    /// <summary>The TAXII 1.0 Status_Detail, a plain string.</summary>
    public string? DetailText => Reply?.DetailText;

    /// <summary>The peer's human-readable message, if it gave one.</summary>
    public string? PeerMessage => Reply?.Message;

    /// <summary>The HTTP status of the response (200 when the Status_Message came the way the binding asks).</summary>
    public HttpStatusCode HttpStatusCode { get; }

    private static string Describe(StatusType status, string? message) =>
        string.IsNullOrEmpty(message)
            ? $"The TAXII peer answered {status.Value}."
            : $"The TAXII peer answered {status.Value}: {message}";
}
