using Taxii.Core.Feeds;
using Taxii.Server.Admin.IncomingFeeds;
using Taxii.Server.Ui.FeedsView;

namespace Taxii.Server.Ui.IncomingView;

/// <summary>
/// The incoming feed form: the fields of <see cref="IncomingFeedRequest"/> flattened, transport settings included. A
/// secret left empty keeps the stored one (the API's "leave it out to keep it"); a ticked "remove" box sends "" for it,
/// which the API takes as "remove it". The client certificate is a .p12/.pfx file, sent to the API in base64.
/// </summary>
internal sealed class IncomingFeedForm
{
    public string Name { get; set; } = string.Empty;

    public string? Description { get; set; }

    public bool Enabled { get; set; } = true;

    public int DatasetId { get; set; }

    public List<int> GroupIds { get; set; } = [];

    public IncomingTransportType TransportType { get; set; } = IncomingTransportType.ManualUpload;

    public string? PollUrl { get; set; }

    public bool IsDiscoveryUrl { get; set; }

    public string? CollectionName { get; set; }

    public string? TaxiiVersion { get; set; } = "1.1";

    public string? Username { get; set; }

    public string? Password { get; set; }

    public bool RemovePassword { get; set; }

    /// <summary>A PKCS#12 file (.p12/.pfx) with its private key; none chosen keeps the stored one.</summary>
    public IFormFile? ClientCertificate { get; set; }

    public string? ClientCertificatePassword { get; set; }

    public bool RemoveClientCertificate { get; set; }

    public bool VerifyTls { get; set; } = true;

    /// <summary>Where the first poll starts: a datetime-local value (UTC) or an ISO 8601 time with its offset.</summary>
    public string? InitialBegin { get; set; }

    public string? Directory { get; set; }

    public string? FilePattern { get; set; }

    public bool Recursive { get; set; }

    public FeedContentType? ContentType { get; set; }

    public string? Schedule { get; set; }

    public int? IntervalMinutes { get; set; }

    /// <summary>The transports the poll settings are for (URL, version, credentials, TLS check, first poll).</summary>
    public static IReadOnlyList<IncomingTransportType> PollSettings { get; } = [IncomingTransportType.TaxiiPoll];

    /// <summary>The transports the collection name is for: the remote one to poll, the local one an inbox fills.</summary>
    public static IReadOnlyList<IncomingTransportType> CollectionSettings { get; } = [IncomingTransportType.TaxiiPoll, IncomingTransportType.TaxiiInbox];

    public static IReadOnlyList<IncomingTransportType> MountPointSettings { get; } = [IncomingTransportType.MountPoint];

    /// <summary>The transports that run on a schedule (the API refuses one for the others).</summary>
    public static IReadOnlyList<IncomingTransportType> ScheduleSettings { get; } = [IncomingTransportType.TaxiiPoll, IncomingTransportType.MountPoint];

    /// <summary>A fieldset's <c>data-transport</c>: the transports it is shown for (ui.js hides it for the others).</summary>
    public static string ShownFor(IReadOnlyList<IncomingTransportType> transports) => string.Join(' ', transports);

    public static IncomingFeedForm From(IncomingFeedDto f) => new()
    {
        Name = f.Name,
        Description = f.Description,
        Enabled = f.Enabled,
        DatasetId = f.DatasetId,
        GroupIds = [.. f.GroupIds],
        TransportType = f.Transport.Type,
        PollUrl = f.Transport.PollUrl,
        IsDiscoveryUrl = f.Transport.IsDiscoveryUrl,
        CollectionName = f.Transport.CollectionName,
        TaxiiVersion = f.Transport.TaxiiVersion ?? "1.1",
        Username = f.Transport.Username,
        VerifyTls = f.Transport.VerifyTls,
        InitialBegin = FormTime.Format(f.Transport.InitialBegin),
        Directory = f.Transport.Directory,
        FilePattern = f.Transport.FilePattern,
        Recursive = f.Transport.Recursive,
        ContentType = f.ContentType,
        Schedule = f.Schedule,
    };

    /// <summary>
    /// The API request, or the errors of the fields only this form has (the first poll's time, the certificate file) by
    /// form field. Only the chosen transport's settings are read and sent: the others' fieldsets are hidden (and without
    /// script the form says they are not used), so nothing in them can be refused at a field the user does not see.
    /// </summary>
    public async Task<(IncomingFeedRequest Request, Dictionary<string, string> Errors)> ToRequestAsync(CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var poll = PollSettings.Contains(TransportType);
        var initialBegin = poll ? FormTime.Parse("Input.InitialBegin", InitialBegin, errors) : null;
        var certificate = !poll ? null : RemoveClientCertificate ? string.Empty : await CertificateAsync(cancellationToken);
        var scheduled = ScheduleSettings.Contains(TransportType);
        var request = new IncomingFeedRequest(
            Name, Empty(Description), Enabled, DatasetId, GroupIds,
            new IncomingTransportRequest(TransportType, For(poll, PollUrl), poll && IsDiscoveryUrl, For(CollectionSettings.Contains(TransportType), CollectionName),
                For(poll, TaxiiVersion), For(poll, Username), !poll ? null : RemovePassword ? string.Empty : Empty(Password), certificate,
                For(poll, ClientCertificatePassword), VerifyTls, initialBegin,
                For(MountPointSettings.Contains(TransportType), Directory), For(MountPointSettings.Contains(TransportType), FilePattern), Recursive),
            ContentType, For(scheduled, Schedule), scheduled ? IntervalMinutes : null);
        return (request, errors);
    }

    /// <summary>The form field an API error names (<c>transport.pollUrl</c> → <c>Input.PollUrl</c>); "" for the summary.</summary>
    public static string FieldOf(string apiField)
    {
        var name = apiField.StartsWith("transport.", StringComparison.Ordinal) ? apiField["transport.".Length..] : apiField;
        name = name is "transport" or "type" ? nameof(TransportType) : string.Concat(name[..1].ToUpperInvariant(), name[1..]);
        return typeof(IncomingFeedForm).GetProperty(name) is null ? string.Empty : "Input." + name;
    }

    /// <summary>The chosen certificate file in base64, or null (keep the stored one) when none was chosen.</summary>
    private async Task<string?> CertificateAsync(CancellationToken cancellationToken)
    {
        if (ClientCertificate is not { Length: > 0 } file)
        {
            return null;
        }

        await using var stream = file.OpenReadStream();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, cancellationToken);
        return Convert.ToBase64String(copy.ToArray());
    }

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string? For(bool used, string? value) => used ? Empty(value) : null;
}
