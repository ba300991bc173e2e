using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Taxii.Core.Collections;
using Taxii.Core.Feeds;
using Taxii.Core.Settings;
using Taxii.Feeds.ContentTypes;
using Taxii.Feeds.Publishing;
using Taxii.Feeds.Secrets;
using Taxii.Feeds.Transports;
using Taxii.Feeds.Transports.Ftp;
using Taxii.Feeds.Transports.Sftp;
using Taxii.Feeds.Transports.Syslog;
using Taxii.Persistence;
using Taxii.Server.Taxii;

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
        var sources = await OutgoingFeedSources.CheckAsync(validation, db, caller, datasetIds, body.IncomingFeedIds ?? [], body.SourceGroupIds ?? [], cancellationToken);
        var datasets = sources.Datasets;

        var groupIds = (body.GroupIds ?? []).Distinct().ToList();
        await DataAccess.CheckGroupsAsync(validation, db, caller, groupIds, cancellationToken);
        var transport = body.Transport;
        if (transport is null)
        {
            validation.Add("transport", "transport is required: { \"type\": \"taxii-poll\" | \"taxii-inbox\" | \"http-download\" | \"mount-point\" | \"sftp\" | \"syslog\" | \"ftp\" | \"email\" | \"imap\", … }");
        }
        else
        {
            CheckTransport(validation, transport, body.ContentType, feed.TransportType == transport.Type ? feed.Transport : null);
        }

        var writer = ContentWriters.For(body.ContentType);
        validation.Check(body.UpdateStrategy != UpdateStrategy.Diff || writer.CarriesRemovals, "updateStrategy",
            $"{FeedNames.Of(body.ContentType)} cannot say what was removed: use the diff strategy with EclecticIQ JSON or CSV");
        var schedule = FeedSettingChecks.Schedule(validation, body.Schedule, body.IntervalMinutes);
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
        feed.IncomingFeeds = sources.IncomingFeeds;
        feed.SourceGroups = sources.Groups;
        feed.OwnerId = TaxiiCaller.From(caller).UserId;
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
        $"name={body.Name}; enabled={body.Enabled}; datasets={string.Join(",", body.DatasetIds ?? [])}; incoming feeds={string.Join(",", body.IncomingFeedIds ?? [])}; source groups={string.Join(",", body.SourceGroupIds ?? [])}; groups={string.Join(",", body.GroupIds ?? [])}; "
        + $"transport={body.Transport?.Type}; content={body.ContentType}; strategy={body.UpdateStrategy}; schedule={body.Schedule ?? body.IntervalMinutes?.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    private void CheckTransport(Validation validation, OutgoingTransportRequest t, FeedContentType contentType, OutgoingTransportSettings? stored)
    {
        validation.Check(transports.For(t.Type).Carries(contentType), "contentType", $"the {FeedNames.Of(t.Type)} transport cannot carry {FeedNames.Of(contentType)}: "
            + (t.Type == OutgoingTransportType.Syslog ? "syslog carries one item per message, from CSV or plain text" : "TAXII transports carry EclecticIQ JSON and STIX 1.2"));
        switch (t.Type)
        {
            case OutgoingTransportType.TaxiiPoll:
                validation.Require("transport.collectionName", t.CollectionName, 2048)
                    .Check(t.CollectionName is null || Uri.IsWellFormedUriString(t.CollectionName.Trim(), UriKind.RelativeOrAbsolute), "transport.collectionName", "a collection name is an xs:anyURI");
                break;
            case OutgoingTransportType.TaxiiInbox:
                FeedSettingChecks.Remote(validation, "inboxUrl", t.InboxUrl, t.TaxiiVersion, t.Username, t.Password, t.ClientCertificate, t.ClientCertificatePassword);
                validation.MaxLength("transport.destinationCollection", t.DestinationCollection, 2048)
                    .Check(t.TaxiiVersion != "1.0" || string.IsNullOrWhiteSpace(t.DestinationCollection), "transport.destinationCollection",
                        "a TAXII 1.0 inbox message names no destination collection: leave it out, or use TAXII 1.1");
                break;
            case OutgoingTransportType.MountPoint:
                validation.Require("transport.directory", t.Directory, 1024);
                if (!string.IsNullOrWhiteSpace(t.Directory))
                {
                    validation.Check(mountPoints.CurrentValue.TryResolvePushPath(t.Directory, out _), "transport.directory",
                        "directory must be an absolute path under Taxii:MountPoints:PushAllowedDirectories (after resolving .. and symbolic links)");
                }

                break;
            case OutgoingTransportType.Sftp:
                CheckSftp(validation, t, stored);
                break;
            case OutgoingTransportType.Syslog:
                validation.Require("transport.host", t.Host, 253)
                    .Check(t.Host is null || Uri.CheckHostName(t.Host.Trim()) != UriHostNameType.Unknown, "transport.host", "host is a host name or an IP address")
                    .Check(t.Port is null or (>= 1 and <= 65535), "transport.port", "port is 1 to 65535 (514, or 6514 over TLS, when left out)")
                    .Check(t.SyslogProtocol is null || SyslogSettings.IsProtocol(t.SyslogProtocol), "transport.syslogProtocol", "syslogProtocol is \"udp\", \"tcp\" (the default) or \"tls\"")
                    .Check(t.Facility is null or (>= 0 and <= 23), "transport.facility", "facility is 0 to 23 (RFC 5424; 1, user-level, when left out)")
                    .Check(t.Severity is null or (>= 0 and <= 7), "transport.severity", "severity is 0 (emergency) to 7 (debug); 5, notice, when left out")
                    .Check(t.MaxMessageSize is null or (>= SyslogSettings.MinMessageSize and <= SyslogSettings.MaxMaxMessageSize), "transport.maxMessageSize",
                        $"maxMessageSize is {SyslogSettings.MinMessageSize} to {SyslogSettings.MaxMaxMessageSize} bytes ({SyslogSettings.DefaultMaxMessageSize} when left out)");
                break;
            case OutgoingTransportType.Ftp:
                CheckFtp(validation, t, stored);
                break;
            case OutgoingTransportType.Email:
                MailSettingChecks.CheckEmail(validation, t, stored);
                break;
            case OutgoingTransportType.Imap:
                MailSettingChecks.CheckImap(validation, t, stored);
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
            ProtectedPassword = FeedSettingChecks.Secret(secrets, t.Password, stored.ProtectedPassword),
            ProtectedClientCertificate = FeedSettingChecks.Certificate(secrets, t.ClientCertificate, t.ClientCertificatePassword, stored.ProtectedClientCertificate),
            VerifyTls = t.VerifyTls,
        },
        OutgoingTransportType.MountPoint => new() { Directory = t.Directory!.Trim() },
        OutgoingTransportType.Sftp => new()
        {
            Host = t.Host!.Trim(),
            Port = t.Port,
            Username = t.Username,
            ProtectedPassword = FeedSettingChecks.Secret(secrets, t.Password, stored.ProtectedPassword),
            ProtectedPrivateKey = FeedSettingChecks.Secret(secrets, t.PrivateKey, stored.ProtectedPrivateKey),
            HostKeyFingerprint = SftpSettings.TryParseFingerprint(t.HostKeyFingerprint, out var fingerprint) ? fingerprint : null,
            RemoteDirectory = SftpSettings.TryParseRemoteDirectory(t.RemoteDirectory, out var directory) ? directory : null,
        },
        OutgoingTransportType.Syslog => new()
        {
            Host = t.Host!.Trim(),
            Port = t.Port,
            SyslogProtocol = t.SyslogProtocol ?? SyslogSettings.Tcp,
            Facility = t.Facility,
            Severity = t.Severity,
            MaxMessageSize = t.MaxMessageSize,
            VerifyTls = t.VerifyTls,
        },
        OutgoingTransportType.Ftp => new()
        {
            Host = t.Host!.Trim(),
            Port = t.Port,
            Username = t.Username,
            ProtectedPassword = FeedSettingChecks.Secret(secrets, t.Password, stored.ProtectedPassword),
            TlsMode = t.TlsMode ?? FtpSettings.Explicit,
            CertificateFingerprint = FtpSettings.TryParseFingerprint(t.CertificateFingerprint, out var certificate) ? certificate : null,
            RemoteDirectory = FtpSettings.TryParseRemoteDirectory(t.RemoteDirectory, out var ftpDirectory) ? ftpDirectory : null,
        },
        OutgoingTransportType.Email or OutgoingTransportType.Imap => MailSettingChecks.Settings(t, stored, secrets),
        _ => new(),
    };

    /// <summary>An SFTP server: where, as whom (a password or a key, given now or stored), which host key, which directory.</summary>
    private static void CheckSftp(Validation validation, OutgoingTransportRequest t, OutgoingTransportSettings? stored)
    {
        validation.Require("transport.host", t.Host, 253)
            .Check(t.Host is null || Uri.CheckHostName(t.Host.Trim()) != UriHostNameType.Unknown, "transport.host", "host is a host name or an IP address")
            .Check(t.Port is null or (>= 1 and <= 65535), "transport.port", "port is 1 to 65535 (22 when left out)")
            .Require("transport.username", t.Username, 200)
            .Check(t.HostKeyFingerprint is null || SftpSettings.TryParseFingerprint(t.HostKeyFingerprint, out _), "transport.hostKeyFingerprint",
                "hostKeyFingerprint is the server's SHA-256 host key fingerprint as ssh-keygen -l prints it: SHA256: and 43 base64 characters")
            .Require("transport.hostKeyFingerprint", t.HostKeyFingerprint, 100)
            .Require("transport.remoteDirectory", t.RemoteDirectory, 1024)
            .Check(t.RemoteDirectory is null || SftpSettings.TryParseRemoteDirectory(t.RemoteDirectory, out _), "transport.remoteDirectory",
                "remoteDirectory is an absolute path on the server, without .. or control characters");
        if (!string.IsNullOrEmpty(t.PrivateKey))
        {
            validation.MaxLength("transport.privateKey", t.PrivateKey, 16 * 1024)
                .Check(t.PrivateKey.Length > 16 * 1024 || SftpSettings.IsPrivateKey(t.PrivateKey), "transport.privateKey",
                    "privateKey must be an unencrypted private key in OpenSSH, PEM or PuTTY format");
        }

        var hasPassword = t.Password is null ? stored?.ProtectedPassword is not null : t.Password.Length > 0;
        var hasKey = t.PrivateKey is null ? stored?.ProtectedPrivateKey is not null : t.PrivateKey.Length > 0;
        validation.Check(hasPassword || hasKey, "transport.password", "give a password or a privateKey (or both) to log in with");
    }

    /// <summary>An FTP server: where, as whom (a password given now or stored), with or without TLS, which certificate, which directory.</summary>
    private static void CheckFtp(Validation validation, OutgoingTransportRequest t, OutgoingTransportSettings? stored)
    {
        var tls = t.TlsMode ?? FtpSettings.Explicit;
        validation.Require("transport.host", t.Host, 253)
            .Check(t.Host is null || Uri.CheckHostName(t.Host.Trim()) != UriHostNameType.Unknown, "transport.host", "host is a host name or an IP address")
            .Check(t.Port is null or (>= 1 and <= 65535), "transport.port", "port is 1 to 65535 (21 when left out)")
            .Require("transport.username", t.Username, 200)
            .Check(t.Username is null || !t.Username.Any(char.IsControl), "transport.username", "username must not hold control characters")
            .Check(t.Password is null || !t.Password.Any(char.IsControl), "transport.password", "password must not hold control characters")
            .Check(t.Password is null ? stored?.ProtectedPassword is not null : t.Password.Length > 0, "transport.password", "give the password to log in with")
            .Require("transport.remoteDirectory", t.RemoteDirectory, 1024)
            .Check(t.RemoteDirectory is null || FtpSettings.TryParseRemoteDirectory(t.RemoteDirectory, out _), "transport.remoteDirectory",
                "remoteDirectory is an absolute path on the server, without .. or control characters")
            .Check(FtpSettings.IsTlsMode(tls), "transport.tlsMode", "tlsMode is \"explicit\" (FTPS with AUTH TLS, the default) or \"none\" (plain FTP: the password crosses the network readable)")
            .Check(t.CertificateFingerprint is null || FtpSettings.TryParseFingerprint(t.CertificateFingerprint, out _), "transport.certificateFingerprint",
                "certificateFingerprint is the server certificate's SHA-256 fingerprint as openssl x509 -noout -fingerprint -sha256 prints it: 32 hex pairs")
            .Check(t.CertificateFingerprint is null || tls != FtpSettings.None, "transport.certificateFingerprint", "a certificate is pinned only with tlsMode \"explicit\"");
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
