using Taxii.Core.Feeds;
using Taxii.Server.Admin.OutgoingFeeds;

namespace Taxii.Server.Ui.OutgoingFeedsView;

/// <summary>
/// The create and edit form's fields: an <see cref="OutgoingFeedRequest"/> as HTML posts it, with one
/// <see cref="TransportFields"/> per transport (<c>Input.Sftp.Host</c>) of which only the chosen one is read.
/// </summary>
internal sealed class OutgoingFeedForm
{
    public string Name { get; set; } = string.Empty;

    public string? Description { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>A five-field cron expression in UTC; or <see cref="IntervalMinutes"/>; neither: on demand only.</summary>
    public string? Schedule { get; set; }

    public int? IntervalMinutes { get; set; }

    public FeedContentType ContentType { get; set; } = FeedContentType.EclecticIqJson;

    public UpdateStrategy UpdateStrategy { get; set; } = UpdateStrategy.Append;

    public List<int> DatasetIds { get; set; } = [];

    public List<int> IncomingFeedIds { get; set; } = [];

    public List<int> SourceGroupIds { get; set; } = [];

    public List<int> GroupIds { get; set; } = [];

    public OutgoingTransportType TransportType { get; set; } = OutgoingTransportType.HttpDownload;

    public TransportFields TaxiiPoll { get; set; } = new();

    public TransportFields TaxiiInbox { get; set; } = new();

    public TransportFields HttpDownload { get; set; } = new();

    public TransportFields MountPoint { get; set; } = new();

    public TransportFields Sftp { get; set; } = new();

    public TransportFields Syslog { get; set; } = new();

    public TransportFields Ftp { get; set; } = new();

    public TransportFields Email { get; set; } = new();

    public TransportFields Imap { get; set; } = new();

    public FilterFields Filter { get; set; } = new();

    /// <summary>The fieldset of <paramref name="type"/>; its form prefix is <c>Input.</c> and the type's name.</summary>
    public TransportFields Fields(OutgoingTransportType type) => type switch
    {
        OutgoingTransportType.TaxiiPoll => TaxiiPoll,
        OutgoingTransportType.TaxiiInbox => TaxiiInbox,
        OutgoingTransportType.MountPoint => MountPoint,
        OutgoingTransportType.Sftp => Sftp,
        OutgoingTransportType.Syslog => Syslog,
        OutgoingTransportType.Ftp => Ftp,
        OutgoingTransportType.Email => Email,
        OutgoingTransportType.Imap => Imap,
        _ => HttpDownload,
    };

    public static OutgoingFeedForm From(OutgoingFeedDto f)
    {
        var form = new OutgoingFeedForm
        {
            Name = f.Name,
            Description = f.Description,
            Enabled = f.Enabled,
            Schedule = f.Schedule,
            ContentType = f.ContentType,
            UpdateStrategy = f.UpdateStrategy,
            DatasetIds = [.. f.DatasetIds],
            IncomingFeedIds = [.. f.IncomingFeedIds],
            SourceGroupIds = [.. f.SourceGroupIds],
            GroupIds = [.. f.GroupIds],
            TransportType = f.Transport.Type,
            Filter = FilterFields.Of(f.Filter),
        };
        var stored = TransportFields.Of(f.Transport);
        switch (f.Transport.Type)
        {
            case OutgoingTransportType.TaxiiPoll: form.TaxiiPoll = stored; break;
            case OutgoingTransportType.TaxiiInbox: form.TaxiiInbox = stored; break;
            case OutgoingTransportType.MountPoint: form.MountPoint = stored; break;
            case OutgoingTransportType.Sftp: form.Sftp = stored; break;
            case OutgoingTransportType.Syslog: form.Syslog = stored; break;
            case OutgoingTransportType.Ftp: form.Ftp = stored; break;
            case OutgoingTransportType.Email: form.Email = stored; break;
            case OutgoingTransportType.Imap: form.Imap = stored; break;
            default: form.HttpDownload = stored; break;
        }

        return form;
    }

    /// <summary>The request the REST API would take; a filter time that does not parse is an error by form field.</summary>
    public OutgoingFeedRequest ToRequest(IDictionary<string, string> errors) => new(
        Name, string.IsNullOrWhiteSpace(Description) ? null : Description, Enabled, DatasetIds, GroupIds,
        Fields(TransportType).ToRequest(TransportType), ContentType, UpdateStrategy,
        string.IsNullOrWhiteSpace(Schedule) ? null : Schedule.Trim(), IntervalMinutes, Filter.ToDto(errors), IncomingFeedIds, SourceGroupIds);

    /// <summary>
    /// The form field an API error names, so the message shows beside its input: <c>name</c> → <c>Input.Name</c>,
    /// <c>transport.host</c> → <c>Input.Sftp.Host</c> for the chosen transport, <c>transport</c> → the chooser.
    /// </summary>
    public string FieldOf(string apiField)
    {
        if (apiField.StartsWith("transport.", StringComparison.Ordinal))
        {
            var setting = apiField["transport.".Length..];
            return setting == "type" ? "Input.TransportType" : $"Input.{TransportType}.{Pascal(setting)}";
        }

        return apiField switch
        {
            "transport" => "Input.TransportType",
            _ when apiField.StartsWith("filter.", StringComparison.Ordinal) => "Input.Filter." + Pascal(apiField["filter.".Length..]),
            _ => "Input." + Pascal(apiField.Split('.')[0]),
        };
    }

    private static string Pascal(string name) => char.ToUpperInvariant(name[0]) + name[1..];
}
