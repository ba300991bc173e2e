using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Client.Internal;

/// <summary>Builds the Poll_Request behind the convenience overload of PollAllAsync.</summary>
internal static class PollRequests
{
    public static PollRequest Create(
        string messageId, string collectionName, DateTimeOffset? exclusiveBegin, DateTimeOffset? inclusiveEnd) =>
        new(messageId, collectionName)
        {
            ExclusiveBeginTimestamp = exclusiveBegin,
            InclusiveEndTimestamp = inclusiveEnd,

            // the 1.1 XSD requires Subscription_ID or Poll_Parameters; a synchronous FULL poll is the plain case
            PollParameters = new PollParameters { AllowAsynch = false, ResponseType = ResponseType.Full },
        };
}
