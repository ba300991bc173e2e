using Taxii.Core.Feeds;
using Taxii.Server.Admin.IncomingFeeds;

namespace Taxii.Server.Ui.IncomingView;

/// <summary>
/// The incoming feed form: the fields of <see cref="IncomingFeedRequest"/> flattened, transport settings included. A
/// password left empty keeps the stored one (the API's "leave it out to keep it").
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

    public bool VerifyTls { get; set; } = true;

    public string? Directory { get; set; }

    public string? FilePattern { get; set; }

    public bool Recursive { get; set; }

    public FeedContentType? ContentType { get; set; }

    public string? Schedule { get; set; }

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
        Directory = f.Transport.Directory,
        FilePattern = f.Transport.FilePattern,
        Recursive = f.Transport.Recursive,
        ContentType = f.ContentType,
        Schedule = f.Schedule,
    };

    /// <summary>The API request; settings of other transports are not sent (the API ignores them too).</summary>
    public IncomingFeedRequest ToRequest(DateTimeOffset? initialBegin) => new(
        Name, Empty(Description), Enabled, DatasetId, GroupIds,
        new IncomingTransportRequest(TransportType, Empty(PollUrl), IsDiscoveryUrl, Empty(CollectionName), Empty(TaxiiVersion), Empty(Username),
            Empty(Password), VerifyTls: VerifyTls, InitialBegin: initialBegin, Directory: Empty(Directory), FilePattern: Empty(FilePattern), Recursive: Recursive),
        ContentType, Empty(Schedule));

    /// <summary>The form field an API error names (<c>transport.pollUrl</c> → <c>Input.PollUrl</c>); "" for the summary.</summary>
    public static string FieldOf(string apiField)
    {
        var name = apiField.StartsWith("transport.", StringComparison.Ordinal) ? apiField["transport.".Length..] : apiField;
        name = name is "transport" or "type" ? nameof(TransportType) : string.Concat(name[..1].ToUpperInvariant(), name[1..]);
        return typeof(IncomingFeedForm).GetProperty(name) is null ? string.Empty : "Input." + name;
    }

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
