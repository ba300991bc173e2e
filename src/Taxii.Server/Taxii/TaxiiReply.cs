using System.IO.Pipelines;
using Taxii.Protocol.Messages;

namespace Taxii.Server.Taxii;

/// <summary>What a handler answers: a whole message, or a writer that streams one (a large Poll_Response).</summary>
internal abstract record TaxiiReply
{
    public static implicit operator TaxiiReply(StatusMessage message) => new MessageReply(message);

    public sealed record MessageReply(ITaxiiMessage Message) : TaxiiReply;

    public sealed record StreamReply(Func<PipeWriter, CancellationToken, ValueTask> WriteAsync) : TaxiiReply;
}
