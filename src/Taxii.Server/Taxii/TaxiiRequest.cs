using Taxii.Core.Collections;
using Taxii.Protocol.Messages;

namespace Taxii.Server.Taxii;

/// <summary>A TAXII request that passed the HTTP binding's checks and was read: what a handler works from.</summary>
internal sealed record TaxiiRequest(
    Service Service,
    ITaxiiMessage Message,
    TaxiiVersion Version,
    TaxiiCaller Caller,
    bool Https,
    string BaseAddress)
{
    /// <summary>
    /// What answers name in in_response_to: the message_id, unless the answer's version cannot carry it (a 1.1 id that
    /// is not digits, answered in 1.0), when it is "0" as for an unreadable one.
    /// </summary>
    public required string InResponseTo { get; init; }

    /// <summary>The absolute address of a service path as this caller reaches the server (scheme and host as used).</summary>
    public string AddressOf(string path) => BaseAddress + path;

    public StatusMessage Status(StatusType status, string? message = null, params StatusDetail[] details) =>
        new(MessageIds.New(), InResponseTo, status)
        {
            Message = TaxiiResponses.SafeReason(message),
            Details = details,
            // a 1.0 Status_Detail is one string: the writer derives UNSUPPORTED_* lists itself, other details are joined here
            DetailText = Version == TaxiiVersion.V10 && details.Length > 0 && !status.Value.StartsWith("UNSUPPORTED_", StringComparison.Ordinal)
                ? string.Join(' ', details.Select(d => d.Value))
                : null,
        };
}
