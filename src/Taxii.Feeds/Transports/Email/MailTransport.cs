using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MailKit;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Taxii.Feeds.Transports.Email;

/// <summary>The settings of a transport that talks to a mail server (SMTP, IMAP).</summary>
internal interface IMailSettings : INetworkEndpoint
{
    MailServer Server { get; }
}

/// <summary>
/// What the e-mail (SMTP) and IMAP transports share on top of <see cref="ConnectedTransport{TSettings}"/>: one MailKit
/// client per run, connected with the feed's security, its certificate checked (system trust and/or the pinned
/// fingerprint), logged in when the feed has a username; and the failures of those steps named for the run record.
/// </summary>
internal abstract partial class MailTransport<TSettings, TClient>(NetworkRetries retries, IOptions<OutgoingFeedOptions> options, ILogger logger)
    : ConnectedTransport<TSettings>(retries, logger)
    where TSettings : class, IMailSettings
    where TClient : MailService
{
    private TClient? _client;
    private string? _refusedCertificate;

    protected TClient Client => _client ?? throw new InvalidOperationException("Not connected.");

    protected abstract TClient NewClient();

    /// <summary>A refusal in the protocol's own answers (an SMTP 5xx, an IMAP NO), as the run error; null if none.</summary>
    protected abstract FeedDeliveryException? Answered(Exception failure, string step, TSettings settings);

    /// <summary>An answer of the protocol's that may pass (an SMTP 4xx).</summary>
    protected virtual bool PassingAnswer(Exception failure) => false;

    protected sealed override async Task ConnectAsync(TSettings settings, CancellationToken cancellationToken)
    {
        var server = settings.Server;
        if (_client is { IsConnected: true } open && (server.Username is null || open.IsAuthenticated))
        {
            return;
        }

        Close();
        var client = NewClient();
        client.Timeout = (int)Math.Min(int.MaxValue, options.Value.PushTimeout.TotalMilliseconds);
        client.ServerCertificateValidationCallback = (_, certificate, _, errors) => Accept(server, certificate, errors);
        _client = client;
        _refusedCertificate = null;
        await client.ConnectAsync(server.Host, server.Port, server.SocketOptions, cancellationToken);
        if (server.Username is { } username)
        {
            await client.AuthenticateAsync(username, server.Password ?? "", cancellationToken);
        }

        LogConnected(Logger, Protocol, server.Endpoint, server.Security, server.Username ?? "(no login)");
    }

    protected sealed override FeedDeliveryException? Refusal(Exception failure, string step, TSettings settings) => failure switch
    {
        _ when _refusedCertificate is { } refused => new FeedDeliveryException(refused, failure),
        SslHandshakeException or System.Security.Authentication.AuthenticationException => new FeedDeliveryException(
            $"{step}: the TLS handshake with {settings.Endpoint} failed ({failure.Message}).", failure),
        MailKit.Security.AuthenticationException => new FeedDeliveryException(
            $"{settings.Endpoint} refused the login of {settings.Server.Username} ({failure.Message}); check the username and password.", failure),
        // no STARTTLS, no login offered (MailKit's message names what is missing)
        NotSupportedException => new FeedDeliveryException($"{step}: {settings.Endpoint}: {failure.Message}", failure),
        _ => Answered(failure, step, settings),
    };

    /// <inheritdoc />
    protected sealed override bool Passing(Exception failure) =>
        _refusedCertificate is null
        && (failure is SocketException or IOException or ProtocolException or ServiceNotConnectedException || PassingAnswer(failure));

    protected sealed override void Close()
    {
        var client = _client;
        _client = null;
        client?.Dispose();
    }

    /// <summary>The pinned fingerprint when one is set, and system trust when <c>verifyTls</c> is on: both must hold.</summary>
    private bool Accept(MailServer server, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            _refusedCertificate = $"{server.Endpoint} presented no TLS certificate; the connection was refused.";
            return false;
        }

        var seen = MailServer.Fingerprint(certificate);
        if (server.CertificateFingerprint is { } pinned && !string.Equals(seen, pinned, StringComparison.Ordinal))
        {
            _refusedCertificate = $"The TLS certificate of {server.Endpoint} ({certificate.Subject}) has the SHA-256 fingerprint {seen}, not the pinned {pinned}; "
                + "the connection was refused. If the server's certificate was changed on purpose, pin the new fingerprint.";
            return false;
        }

        if (server.VerifyTls && errors != SslPolicyErrors.None)
        {
            _refusedCertificate = $"The TLS certificate of {server.Endpoint} ({certificate.Subject}, SHA-256 fingerprint {seen}) is not trusted ({errors}); "
                + "the connection was refused. Pin its fingerprint (certificateFingerprint) or have it issued by an authority the system trusts.";
            return false;
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Protocol}: connected to {Endpoint} ({Security}) as {Username}")]
    private static partial void LogConnected(ILogger logger, string protocol, string endpoint, string security, string username);
}
