namespace Taxii.Protocol.Query;

/// <summary>
/// A Default Query that cannot be accepted, with what a server needs to answer it with a Status_Message:
/// <see cref="StatusType"/> (see <see cref="DefaultQueryStatus"/>) and its Status_Detail values, in order.
/// </summary>
public sealed class DefaultQueryException : Exception
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoDetails =
        new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Creates the exception; <paramref name="message"/> is the precise reason, fit for Status_Message/Message.</summary>
    public DefaultQueryException(
        string statusType, string message, IReadOnlyDictionary<string, IReadOnlyList<string>>? details = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        StatusType = statusType;
        Details = details ?? NoDetails;
    }

    /// <summary>The TAXII status_type, for example <c>UNSUPPORTED_CAPABILITY_MODULE</c>.</summary>
    public string StatusType { get; }

    /// <summary>Status_Detail name → values, in the order to write them (PREFERRED_SCOPE before ALLOWED_SCOPE).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Details { get; }

    internal static DefaultQueryException BadMessage(string message, Exception? inner = null) =>
        new(DefaultQueryStatus.BadMessage, message, null, inner);
}
