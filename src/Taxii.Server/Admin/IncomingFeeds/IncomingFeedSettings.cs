using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Taxii.Core.Feeds;
using Taxii.Core.Settings;
using Taxii.Feeds.Secrets;
using Taxii.Persistence;

namespace Taxii.Server.Admin.IncomingFeeds;

/// <summary>
/// Checks an incoming feed request and applies it to a feed: a dataset the caller may use, groups, transport settings
/// complete for their type (a mount-point directory inside the poll whitelist, an inbox feed's local collection), and a
/// schedule only where the transport polls. Secrets are encrypted here and never leave it in clear.
/// </summary>
internal sealed class IncomingFeedSettings(TaxiiDbContext db, FeedSecrets secrets, IOptionsMonitor<MountPointOptions> mountPoints)
{
    public async Task<Validation> ApplyAsync(IncomingFeed feed, IncomingFeedRequest body, ClaimsPrincipal caller, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var validation = new Validation().Require("name", body.Name, 200).MaxLength("description", body.Description, 4000);
        var datasetVisible = await DataAccess.VisibleDatasets(db, caller).AnyAsync(d => d.Id == body.DatasetId, cancellationToken);
        validation.Check(datasetVisible, "datasetId", body.DatasetId == 0 ? "datasetId is required" : $"dataset {body.DatasetId} does not exist");
        var groupIds = (body.GroupIds ?? []).Distinct().ToList();
        await DataAccess.CheckGroupsAsync(validation, db, caller, groupIds, cancellationToken);
        var transport = body.Transport;
        if (transport is null)
        {
            validation.Add("transport", "transport is required: { \"type\": \"taxii-poll\" | \"taxii-inbox\" | \"mount-point\" | \"manual-upload\", … }");
        }
        else
        {
            await CheckTransportAsync(validation, transport, cancellationToken);
        }

        var schedule = FeedSettingChecks.Schedule(validation, body.Schedule, body.IntervalMinutes);
        validation.Check(schedule is null || transport?.Type is IncomingTransportType.TaxiiPoll or IncomingTransportType.MountPoint, "schedule",
            "only TAXII poll and mount-point feeds run on a schedule (inbox feeds run as content arrives, uploads as files are sent)");
        if (!validation.IsValid || transport is null)
        {
            return validation;
        }

        var moved = feed.TransportType != transport.Type || !SameSource(feed.Transport, transport);
        if (feed.Id != 0 && (moved || feed.ContentType != body.ContentType || feed.Transport.FilePattern != transport.FilePattern || feed.Transport.Recursive != transport.Recursive))
        {
            // files read under other settings (a content type that failed them, another pattern) are read again
            await db.MountPointFiles.Where(f => f.FeedId == feed.Id).ExecuteDeleteAsync(cancellationToken);
        }

        feed.Description = body.Description;
        feed.Enabled = body.Enabled;
        feed.DatasetId = body.DatasetId;
        feed.Groups = await db.Groups.Where(g => groupIds.Contains(g.Id)).ToListAsync(cancellationToken);
        feed.Transport = Settings(transport, feed.TransportType == transport.Type ? feed.Transport : new IncomingTransportSettings());
        feed.TransportType = transport.Type;
        feed.ContentType = body.ContentType;
        feed.Schedule = schedule;
        feed.UpdatedAt = now;
        if (moved)
        {
            // another remote collection or local one: its positions mean nothing there
            feed.LastInclusiveEnd = null;
            feed.LastContentBlockId = 0;
        }

        return validation;
    }

    public static string Describe(IncomingFeedRequest body) =>
        $"name={body.Name}; enabled={body.Enabled}; dataset={body.DatasetId}; groups={string.Join(",", body.GroupIds ?? [])}; "
        + $"transport={body.Transport?.Type}; content={body.ContentType?.ToString() ?? "detect"}; schedule={body.Schedule ?? body.IntervalMinutes?.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    private async Task CheckTransportAsync(Validation validation, IncomingTransportRequest t, CancellationToken cancellationToken)
    {
        switch (t.Type)
        {
            case IncomingTransportType.TaxiiPoll:
                FeedSettingChecks.Remote(validation, "pollUrl", t.PollUrl, t.TaxiiVersion, t.Username, t.Password, t.ClientCertificate, t.ClientCertificatePassword);
                validation.Require("transport.collectionName", t.CollectionName, 2048);
                break;
            case IncomingTransportType.TaxiiInbox:
                validation.Require("transport.collectionName", t.CollectionName, 2048);
                if (!string.IsNullOrWhiteSpace(t.CollectionName))
                {
                    var name = t.CollectionName.Trim();
                    validation.Check(await db.Collections.AnyAsync(c => c.Name == name, cancellationToken), "transport.collectionName",
                        $"there is no local collection '{name}': create it (POST /api/v1/collections) with an inbox service, then bind the feed to it");
                }

                break;
            case IncomingTransportType.MountPoint:
                validation.Require("transport.directory", t.Directory, 1024).MaxLength("transport.filePattern", t.FilePattern, 200)
                    .Check(t.FilePattern is null || t.FilePattern.IndexOfAny(['/', '\\']) < 0, "transport.filePattern", "filePattern matches file names, such as *.xml; it holds no directory");
                if (!string.IsNullOrWhiteSpace(t.Directory))
                {
                    validation.Check(mountPoints.CurrentValue.TryResolvePollPath(t.Directory, out _), "transport.directory",
                        "directory must be an absolute path under Taxii:MountPoints:PollAllowedDirectories (after resolving .. and symbolic links)");
                }

                break;
            case IncomingTransportType.ManualUpload:
                break;
            default:
                validation.Add("transport.type", "unknown transport type");
                break;
        }
    }

    private IncomingTransportSettings Settings(IncomingTransportRequest t, IncomingTransportSettings stored) => t.Type switch
    {
        IncomingTransportType.TaxiiPoll => new()
        {
            PollUrl = t.PollUrl,
            IsDiscoveryUrl = t.IsDiscoveryUrl,
            CollectionName = t.CollectionName!.Trim(),
            TaxiiVersion = t.TaxiiVersion ?? "1.1",
            Username = string.IsNullOrEmpty(t.Username) ? null : t.Username,
            ProtectedPassword = FeedSettingChecks.Secret(secrets, t.Password, stored.ProtectedPassword),
            ProtectedClientCertificate = FeedSettingChecks.Certificate(secrets, t.ClientCertificate, t.ClientCertificatePassword, stored.ProtectedClientCertificate),
            VerifyTls = t.VerifyTls,
            InitialBegin = t.InitialBegin,
        },
        IncomingTransportType.TaxiiInbox => new() { CollectionName = t.CollectionName!.Trim() },
        IncomingTransportType.MountPoint => new() { Directory = t.Directory!.Trim(), FilePattern = string.IsNullOrWhiteSpace(t.FilePattern) ? null : t.FilePattern.Trim(), Recursive = t.Recursive },
        _ => new(),
    };

    private static bool SameSource(IncomingTransportSettings stored, IncomingTransportRequest t) =>
        stored.PollUrl == t.PollUrl && stored.CollectionName == t.CollectionName?.Trim() && stored.Directory == t.Directory?.Trim();
}
