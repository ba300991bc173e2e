using Taxii.Protocol.Messages;
using Taxii.Protocol.Xml;

namespace Taxii.Protocol.Client.Internal;

/// <summary>The checks every reply passes before a caller sees it.</summary>
internal static class ResponseCheck
{
    /// <summary>
    /// Returns the reply as <typeparamref name="T"/>, or throws: a <see cref="TaxiiStatusException"/> for a
    /// Status_Message that is not the expected success, a <see cref="TaxiiProtocolException"/> for anything else
    /// unexpected (another message type, another version, an in_response_to that is not the request's id).
    /// </summary>
    public static T Expect<T>(TaxiiMessageRead read, TaxiiVersion headerVersion, ITaxiiMessage request)
        where T : class, ITaxiiResponse
    {
        if (read.Version != headerVersion)
        {
            throw new TaxiiProtocolException(
                StatusType.BadMessage,
                $"The X-TAXII-Content-Type header says {headerVersion} but the body is a {read.Version} message.");
        }

        if (read.Message is StatusMessage status && !(typeof(T) == typeof(StatusMessage) && status.Status == StatusType.Success))
        {
            // an error may answer a request whose id the peer could not read ("0" by libtaxii's convention);
            // then the status matters more than the id
            if (status.InResponseTo != MessageIds.Unreadable)
            {
                CheckInResponseTo(status, request);
            }

            throw new TaxiiStatusException(status);
        }

        if (read.Message is not T reply)
        {
            throw new TaxiiProtocolException(
                StatusType.BadMessage,
                $"Expected a {typeof(T).Name} in reply to a {request.GetType().Name}, got a {read.Message.GetType().Name}.");
        }

        CheckInResponseTo(reply, request);
        return reply;
    }

    public static void CheckInResponseTo(ITaxiiResponse reply, ITaxiiMessage request)
    {
        if (!string.Equals(reply.InResponseTo, request.MessageId, StringComparison.Ordinal))
        {
            throw new TaxiiProtocolException(
                StatusType.BadMessage,
                $"The reply's in_response_to '{reply.InResponseTo}' is not the request's message_id '{request.MessageId}'.");
        }
    }
}
