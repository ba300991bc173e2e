using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Http;

/// <summary>
/// Pure functions of the TAXII HTTP binding: header values per version, the response binding to use, request
/// header checks (checklist §1, following the reference server django-taxii-services), and the client-side
/// HTTP status → TAXII status mapping of [H] §5.1.
/// </summary>
public static class TaxiiHttpBinding
{
    /// <summary>The version of an X-TAXII-Content-Type / X-TAXII-Accept message binding ID, or null.</summary>
    public static TaxiiVersion? VersionOfMessageBinding(string? bindingId) => bindingId?.Trim() switch
    {
        MessageBindingIds.Xml11 => TaxiiVersion.V11,
        MessageBindingIds.Xml10 => TaxiiVersion.V10,
        _ => null,
    };

    /// <summary>The version of an X-TAXII-Services ID, or null.</summary>
    public static TaxiiVersion? VersionOfServices(string? servicesId) => servicesId?.Trim() switch
    {
        ServicesIds.V11 => TaxiiVersion.V11,
        ServicesIds.V10 => TaxiiVersion.V10,
        _ => null,
    };

    public static string ProtocolBinding(bool https) => https ? ProtocolBindingIds.Https10 : ProtocolBindingIds.Http10;

    /// <summary>
    /// The headers every response with a TAXII body carries: Content-Type, X-TAXII-Content-Type, X-TAXII-Services
    /// (kept consistent with the binding) and X-TAXII-Protocol (agreeing with the transport actually used).
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders(TaxiiVersion version, bool https) =>
    [
        new("Content-Type", TaxiiHttpHeaders.XmlMediaType),
        new(TaxiiHttpHeaders.ContentType, MessageBindingIds.For(version)),
        new(TaxiiHttpHeaders.Services, ServicesIds.For(version)),
        new(TaxiiHttpHeaders.Protocol, ProtocolBinding(https)),
    ];

    /// <summary>
    /// The binding to answer in: the first binding of X-TAXII-Accept we support (most preferred first); without
    /// X-TAXII-Accept, the request's own X-TAXII-Content-Type; else 1.1. Null when X-TAXII-Accept names only
    /// bindings we do not support.
    /// </summary>
    public static TaxiiVersion? ChooseResponseVersion(string? taxiiAccept, string? requestTaxiiContentType)
    {
        if (!string.IsNullOrWhiteSpace(taxiiAccept))
        {
            foreach (var id in taxiiAccept.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries))
            {
                if (VersionOfMessageBinding(id) is { } accepted)
                {
                    return accepted;
                }
            }

            return null;
        }

        return VersionOfMessageBinding(requestTaxiiContentType) ?? TaxiiVersion.V11;
    }

    /// <summary>Checks a POSTed request's headers; <paramref name="https"/> is the scheme the client used (mind proxies).</summary>
    public static TaxiiRequestValidation ValidateRequest(TaxiiRequestHeaders headers, bool https)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var requestVersion = VersionOfMessageBinding(headers.TaxiiContentType);
        var chosen = ChooseResponseVersion(headers.TaxiiAccept, headers.TaxiiContentType);
        var result = new TaxiiRequestValidation(chosen ?? requestVersion ?? TaxiiVersion.V11) { RequestVersion = requestVersion };
        if (requestVersion is not { } version)
        {
            return Refuse(result, StatusType.BadMessage,
                $"{TaxiiHttpHeaders.ContentType} is missing or names no supported message binding");
        }

        if (VersionOfServices(headers.TaxiiServices) is not { } services)
        {
            return Refuse(result, StatusType.Failure, $"{TaxiiHttpHeaders.Services} is missing or not recognized");
        }

        if (services != version)
        {
            return Refuse(result, StatusType.Failure,
                $"{TaxiiHttpHeaders.Services} does not match the message binding in {TaxiiHttpHeaders.ContentType}");
        }

        if (!IsXmlMediaType(headers.ContentType))
        {
            return Refuse(result, StatusType.Failure, "Content-Type is missing or is not application/xml");
        }

        var protocol = headers.TaxiiProtocol?.Trim();
        if (protocol is not (ProtocolBindingIds.Http10 or ProtocolBindingIds.Https10))
        {
            return Refuse(result, StatusType.Failure, $"{TaxiiHttpHeaders.Protocol} is missing or not recognized");
        }

        if (protocol != ProtocolBinding(https))
        {
            return Refuse(result, StatusType.Failure, $"{TaxiiHttpHeaders.Protocol} does not match the transport used");
        }

        if (chosen is null)
        {
            // [S] gives UNSUPPORTED_MESSAGE for "none of the requested message bindings is supported" (an inference: the
            // spec is silent on X-TAXII-Accept); the reply goes out in the request's own binding
            return Refuse(result, StatusType.UnsupportedMessage, $"{TaxiiHttpHeaders.Accept} names no supported message binding");
        }

        if (!AcceptsXml(headers.Accept))
        {
            return result with
            {
                Status = StatusType.UnsupportedMessage,
                Reason = "Accept excludes application/xml",
                HttpStatusCode = 406,
            };
        }

        return result;
    }

    /// <summary>[H] §5.1: the TAXII status a client assumes for an HTTP error without a TAXII body.</summary>
    public static StatusType StatusFromHttp(int httpStatusCode) => httpStatusCode switch
    {
        400 or 413 => StatusType.BadMessage,
        401 or 403 or 407 => StatusType.Unauthorized,
        406 or 415 => StatusType.UnsupportedMessage,
        _ => StatusType.Failure,
    };

    private static TaxiiRequestValidation Refuse(TaxiiRequestValidation result, StatusType status, string reason) =>
        result with { Status = status, Reason = reason };

    // the type MUST be application and the subtype agree with the binding (xml); parameters are unrestricted
    private static bool IsXmlMediaType(string? contentType) =>
        contentType is not null
        && contentType.Split(';')[0].Trim().Equals(TaxiiHttpHeaders.XmlMediaType, StringComparison.OrdinalIgnoreCase);

    private static bool AcceptsXml(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return true;
        }

        foreach (var range in accept.Split(','))
        {
            var media = range.Split(';')[0].Trim();
            if (media is "*/*" or "application/*" || media.Equals(TaxiiHttpHeaders.XmlMediaType, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
