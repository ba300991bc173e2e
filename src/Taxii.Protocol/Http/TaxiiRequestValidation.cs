using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Http;

/// <summary>
/// The outcome of checking a request's TAXII headers. When <see cref="Status"/> is set the request is refused:
/// answer a Status_Message of that type (with <see cref="Reason"/> as its Message) in
/// <see cref="ResponseVersion"/>, with HTTP <see cref="HttpStatusCode"/> (200 except where TAXII cannot express
/// the error).
/// </summary>
public sealed record TaxiiRequestValidation(TaxiiVersion ResponseVersion)
{
    /// <summary>The version the request body is declared in; null when X-TAXII-Content-Type is missing or unknown.</summary>
    public TaxiiVersion? RequestVersion { get; init; }

    public StatusType? Status { get; init; }

    public string? Reason { get; init; }

    public int HttpStatusCode { get; init; } = 200;

    public bool IsValid => Status is null;
}
