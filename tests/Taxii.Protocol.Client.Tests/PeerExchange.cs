using Microsoft.AspNetCore.Http;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Xml;

namespace Taxii.Protocol.Client.Tests;

/// <summary>One request as a script sees it, with helpers to answer as a TAXII peer would.</summary>
internal sealed class PeerExchange(HttpContext context, RecordedRequest request)
{
    public HttpContext Context => context;

    public RecordedRequest Request => request;

    public ITaxiiMessage Message => request.Message;

    public TaxiiVersion Version => request.Read?.Version ?? TaxiiVersion.V11;

    public CancellationToken Aborted => context.RequestAborted;

    /// <summary>Answers with <paramref name="reply"/> in the request's version, with the binding's headers.</summary>
    public async Task ReplyAsync(ITaxiiMessage reply, TaxiiVersion? version = null)
    {
        var replyVersion = version ?? Version;
        SetTaxiiHeaders(replyVersion);
        await TaxiiMessageWriter.WriteAsync(context.Response.Body, reply, replyVersion, context.RequestAborted);
    }

    /// <summary>Streams a Poll_Response: the header first, then each block as the sequence yields it.</summary>
    public async Task ReplyPollAsync(PollResponseHeader header, IAsyncEnumerable<ContentBlock> blocks)
    {
        SetTaxiiHeaders(Version);
        await TaxiiMessageWriter.WritePollResponseAsync(context.Response.Body, header, blocks, Version, context.RequestAborted);
    }

    /// <summary>Answers with a bare HTTP status and no TAXII message.</summary>
    public Task ReplyStatusAsync(int httpStatus)
    {
        context.Response.StatusCode = httpStatus;
        return Task.CompletedTask;
    }

    public void SetTaxiiHeaders(TaxiiVersion version)
    {
        var v11 = version == TaxiiVersion.V11;
        context.Response.ContentType = "application/xml";
        context.Response.Headers["X-TAXII-Content-Type"] =
            v11 ? "urn:taxii.mitre.org:message:xml:1.1" : "urn:taxii.mitre.org:message:xml:1.0";
        context.Response.Headers["X-TAXII-Services"] =
            v11 ? "urn:taxii.mitre.org:services:1.1" : "urn:taxii.mitre.org:services:1.0";
        context.Response.Headers["X-TAXII-Protocol"] = context.Request.IsHttps
            ? "urn:taxii.mitre.org:protocol:https:1.0"
            : "urn:taxii.mitre.org:protocol:http:1.0";
    }
}
