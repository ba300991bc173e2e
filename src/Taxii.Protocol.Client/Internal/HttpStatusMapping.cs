using System.Net;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Client.Internal;

/// <summary>HTTP binding §5.1: what a client makes of an HTTP status that is not 200.</summary>
internal static class HttpStatusMapping
{
    public static StatusType ToStatusType(HttpStatusCode code) => (int)code switch
    {
        400 or 413 => StatusType.BadMessage,
        401 or 403 or 407 => StatusType.Unauthorized,
        406 or 415 => StatusType.UnsupportedMessage,
        _ => StatusType.Failure,
    };
}
