using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Taxii.Core.Collections;
using Taxii.Core.Feeds;
using Taxii.Core.Settings;
using Taxii.Feeds.ContentTypes;
using Taxii.Feeds.Publishing;
using Taxii.Feeds.Secrets;
using Taxii.Feeds.Transports;
using Taxii.Persistence;

namespace Taxii.Server.Admin.OutgoingFeeds;

/// <summary>
/// Checks an outgoing feed request and applies it to a feed: datasets and groups the caller may use, transport settings
/// complete for their type, a content type the transport carries and the strategy needs, a valid schedule and filter.
/// Secrets are encrypted here and never leave it in clear.
/// </summary>
internal sealed class OutgoingFeedSettings(TaxiiDbContext db, OutgoingTransports transports, FeedSecrets secrets, IOptionsMonitor<MountPointOptions> mountPoints)
{
    public async Task<Validation> ApplyAsync(OutgoingFeed feed, OutgoingFeedRequest body, ClaimsPrincipal caller, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var validation = new Validation().Require("name", body.Name, 200).MaxLength("description", body.Description, 4000);
        var datasetIds = (body.DatasetIds ?? []).Distinct().ToList();
        validation.Check(datasetIds.Count > 0, "datasetIds", "give at least one source dataset");
        var datasets = await DataAccess.VisibleDatasets(db, caller).Where(d => datasetIds.Contains(d.Id)).ToListAsync(cancellationToken);
        foreach (var missing in datasetIds.Except(datasets.Select(d => d.Id)))
        {
            validation.Add("datasetIds", $"dataset {missing} does not exist");
        }

        var groupIds = (body.GroupIds ?? []).Distinct().ToList();
        await DataAccess.CheckGroupsAsync(validation, db, caller, groupIds, cancellationToken);
        var transport = body.Transport;
        if (transport is null)
        {
            validation.Add("transport", "transport is required: { \"type\": \"taxii-poll\" | \"taxii-inbox\" | \"http-download\" | \"mount-point\", … }");
        }
        else
        {
            CheckTransport(validation, transport, body.ContentType);
        }

        var writer = ContentWriters.For(body.ContentType);
        validation.Check(body.UpdateStrategy != UpdateStrategy.Diff || writer.CarriesRemovals, "updateStrategy",
            $"{body.ContentType} cannot say what was removed: use the diff strategy with EclecticIQ JSON or CSV");
        var schedule = CheckSchedule(validation, body);
        var filter = CheckFilter(validation, body.Filter ?? new OutgoingFeedFilterDto());
        Collection? newCollection = null;
        if (validation.IsValid && transport is { Type: OutgoingTransportType.TaxiiPoll, CollectionName: { } name })
        {
            var existing = await db.Collections.AsNoTracking().SingleOrDefaultAsync(c => c.Name == name.Trim(), cancellationToken);
            validation.Check(existing is null || existing.ContentBindings.Count == 0 || existing.ContentBindings.Contains(writer.Binding), "transport.collectionName",
                $"collection '{name.Trim()}' does not accept {writer.Binding}; add the binding to it or choose another collection");
            newCollection = existing is null ? await NewCollectionAsync(name.Trim(), writer.Binding, datasets, groupIds, now, cancellationToken) : null;
        }

        if (!validation.IsValid || transport is null)
        {
            return validation;
        }

        feed.Description = body.Description;
        feed.Enabled = body.Enabled;
        feed.Datasets = datasets;
        feed.Groups = await db.Groups.Where(g => groupIds.Contains(g.Id)).ToListAsync(cancellationToken);
        feed.TransportType = transport.Type;
        feed.Transport = Settings(transport, feed.TransportType == transport.Type ? feed.Transport : new OutgoingTransportSettings());
        feed.ContentType = body.ContentType;
        feed.UpdateStrategy = body.UpdateStrategy;
        feed.Schedule = schedule;
        feed.Filter = filter;
        feed.UpdatedAt = now;
        if (newCollection is not null)
        {
            db.Collections.Add(newCollection);
        }

        return validation;
    }

    public static string Describe(OutgoingFeedRequest body) =>
        $"name={body.Name}; enabled={body.Enabled}; datasets={string.Join(",", body.DatasetIds ?? [])}; groups={string.Join(",", body.GroupIds ?? [])}; "
        + $"transport={body.Transport?.Type}; content={body.ContentType}; strategy={body.UpdateStrategy}; schedule={body.Schedule ?? body.IntervalMinutes?.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    private void CheckTransport(Validation validation, OutgoingTransportRequest t, FeedContentType contentType)
    {
        validation.Check(transports.For(t.Type).Carries(contentType), "contentType", $"the {t.Type} transport cannot carry {contentType}: TAXII transports carry EclecticIQ JSON and STIX 1.2");
        switch (t.Type)
        {
            case OutgoingTransportType.TaxiiPoll:
                validation.Require("transport.collectionName", t.CollectionName, 2048)
                    .Check(t.CollectionName is null || Uri.IsWellFormedUriString(t.CollectionName.Trim(), UriKind.RelativeOrAbsolute), "transport.collectionName", "a collection name is an xs:anyURI");
                break;
            case OutgoingTransportType.TaxiiInbox:
                validation.Require("transport.inboxUrl", t.InboxUrl, 2048)
                    .Check(t.InboxUrl is null || (Uri.TryCreate(t.InboxUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"), "transport.inboxUrl", "inboxUrl must be an absolute http or https URL")
                    .MaxLength("transport.destinationCollection", t.DestinationCollection, 2048)
                    .Check(t.TaxiiVersion is null or "1.1" or "1.0", "transport.taxiiVersion", "taxiiVersion is \"1.1\" or \"1.0\"")
                    .Check(t.TaxiiVersion != "1.0" || string.IsNullOrWhiteSpace(t.DestinationCollection), "transport.destinationCollection",
                        "a TAXII 1.0 inbox message names no destination collection: leave it out, or use TAXII 1.1")
                    .Check(t.InboxUrl is null || !Uri.TryCreate(t.InboxUrl, UriKind.Absolute, out var withUser) || string.IsNullOrEmpty(withUser.UserInfo), "transport.inboxUrl",
                        "put credentials in username and password, not in the URL")
                    .MaxLength("transport.username", t.Username, 200)
                    .Check(string.IsNullOrEmpty(t.Password) || !string.IsNullOrEmpty(t.Username), "transport.password", "a password needs a username");
                if (!string.IsNullOrEmpty(t.ClientCertificate))
                {
                    validation.Check(LoadCertificate(t.ClientCertificate, t.ClientCertificatePassword) is not null, "transport.clientCertificate",
                        "clientCertificate must be a base64 PKCS#12 (.p12/.pfx) with its private key, and clientCertificatePassword its password");
                }

                break;
            case OutgoingTransportType.MountPoint:
                validation.Require("transport.directory", t.Directory, 1024);
                if (!string.IsNullOrWhiteSpace(t.Directory))
                {
                    validation.Check(mountPoints.CurrentValue.TryResolvePushPath(t.Directory, out _), "transport.directory",
                        "directory must be an absolute path under Taxii:MountPoints:PushAllowedDirectories (after resolving .. and symbolic links)");
                }

                break;
            case OutgoingTransportType.HttpDownload:
                break;
            default:
                validation.Add("transport.type", "unknown transport type");
                break;
        }
    }

    private OutgoingTransportSettings Settings(OutgoingTransportRequest t, OutgoingTransportSettings stored) => t.Type switch
    {
        OutgoingTransportType.TaxiiPoll => new() { CollectionName = t.CollectionName!.Trim() },
        OutgoingTransportType.TaxiiInbox => new()
        {
            InboxUrl = t.InboxUrl,
            DestinationCollection = string.IsNullOrWhiteSpace(t.DestinationCollection) ? null : t.DestinationCollection.Trim(),
            TaxiiVersion = t.TaxiiVersion ?? "1.1",
            Username = string.IsNullOrEmpty(t.Username) ? null : t.Username,
            // null keeps the stored secret, "" removes it
            ProtectedPassword = t.Password is null ? stored.ProtectedPassword : t.Password.Length == 0 ? null : secrets.Protect(t.Password),
            ProtectedClientCertificate = t.ClientCertificate is null ? stored.ProtectedClientCertificate
                : t.ClientCertificate.Length == 0 ? null
                : secrets.Protect(Convert.ToBase64String(LoadCertificate(t.ClientCertificate, t.ClientCertificatePassword)!.Export(X509ContentType.Pkcs12))),
            VerifyTls = t.VerifyTls,
        },
        OutgoingTransportType.MountPoint => new() { Directory = t.Directory!.Trim() },
        _ => new(),
    };

    private static X509Certificate2? LoadCertificate(string base64, string? password)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(base64), password, X509KeyStorageFlags.Exportable | X509KeyStorageFlags.EphemeralKeySet);
            return certificate.HasPrivateKey ? certificate : null;
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return null;
        }
    }

    private static string? CheckSchedule(Validation validation, OutgoingFeedRequest body)
    {
        if (!string.IsNullOrWhiteSpace(body.Schedule) && body.IntervalMinutes is not null)
        {
            validation.Add("schedule", "give either schedule (cron) or intervalMinutes, not both");
            return null;
        }

        if (body.IntervalMinutes is { } minutes)
        {
            var cron = FeedScheduler.CronForInterval(minutes);
            validation.Check(cron is not null, "intervalMinutes", "intervalMinutes must divide an hour (1-60) or a day (whole hours dividing 24, up to 1440)");
            return cron;
        }

        if (string.IsNullOrWhiteSpace(body.Schedule))
        {
            return null;
        }

        var schedule = body.Schedule.Trim();
        validation.Check(schedule.Length <= 128 && FeedScheduler.IsValidCron(schedule), "schedule",
            "schedule must be a five-field cron expression (minute hour day-of-month month day-of-week), e.g. \"*/15 * * * *\"");
        return schedule;
    }

    private static OutgoingFeedFilter CheckFilter(Validation validation, OutgoingFeedFilterDto filter)
    {
        validation.Check(filter.MinReliability is null || (filter.MinReliability.Length == 1 && char.ToUpperInvariant(filter.MinReliability[0]) is >= 'A' and <= 'F'),
            "filter.minReliability", "minReliability is one letter A (reliable) to F (cannot be judged)");
        foreach (var kind in filter.ObservableKinds ?? [])
        {
            validation.Check(!string.IsNullOrWhiteSpace(kind) && kind.Length <= 64, "filter.observableKinds", "each observable kind is a non-empty name of at most 64 characters");
        }

        validation.Check(filter.From is null || filter.Until is null || filter.From <= filter.Until, "filter.until", "until must not be before from")
            .Check(filter.MaxAgeHours is null or (> 0 and <= 24 * 365 * 100), "filter.maxAgeHours", "maxAgeHours must be positive");
        return filter.ToFilter();
    }

    /// <summary>A TAXII poll feed's collection, made with the feed: served by every poll and collection management service, readable by the feed's groups.</summary>
    private async Task<Collection> NewCollectionAsync(string name, string binding, List<Core.Datasets.Dataset> datasets, List<int> groupIds, DateTimeOffset now, CancellationToken cancellationToken) => new()
    {
        Name = name,
        Description = "Published by an outgoing feed",
        Type = CollectionType.DataFeed,
        ContentBindings = [binding],
        SourceDatasets = datasets,
        Access = [.. groupIds.Select(g => new CollectionAccess { GroupId = g, CanRead = true })],
        Services = await db.Services.Where(s => s.Type == ServiceType.Poll || s.Type == ServiceType.CollectionManagement).ToListAsync(cancellationToken),
        CreatedAt = now,
        UpdatedAt = now,
    };
}
