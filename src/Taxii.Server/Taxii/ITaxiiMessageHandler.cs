using Taxii.Protocol.Messages;

namespace Taxii.Server.Taxii;

/// <summary>Answers the messages one service type accepts. One handler per service type; registered in DI.</summary>
internal interface ITaxiiMessageHandler
{
    Core.Collections.ServiceType ServiceType { get; }

    /// <summary>False for a message this service type does not take (answered UNSUPPORTED_MESSAGE).</summary>
    bool Accepts(ITaxiiMessage message);

    Task<TaxiiReply> HandleAsync(TaxiiRequest request, CancellationToken cancellationToken);
}
