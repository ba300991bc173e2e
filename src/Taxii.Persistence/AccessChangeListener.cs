using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Taxii.Persistence;

/// <summary>
/// Listens on <see cref="AccessChanges.Channel"/> on a connection of its own and moves <see cref="AccessChanges"/> on
/// every notification, so a change committed by any writer reaches this host's caches within milliseconds. While the
/// connection is down (a restart of PostgreSQL), notifications are lost: the counter moves when the connection is
/// (re)made, and until then the caches' own short lifetime bounds how long a change goes unseen. As the one connection
/// always waiting on the server, it also notices a restart first and clears the host's pools of connections that died
/// with it (<see cref="DatabaseOutage"/>), before a request can be handed one.
/// </summary>
internal sealed partial class AccessChangeListener(string connectionString, AccessChanges changes, ILogger<AccessChangeListener> logger) : BackgroundService
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(5);

    // an idle connection is checked this often, so a dead one is found and replaced
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lost = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, _) => changes.Moved();
                await using (var listen = new NpgsqlCommand("LISTEN " + AccessChanges.Channel, connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // whatever changed while no one listened
                changes.Moved();
                if (lost)
                {
                    LogListening();
                    lost = false;
                }

                while (true)
                {
                    if (!await connection.WaitAsync(Idle, stoppingToken))
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteScalarAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            // whatever broke the connection, the host goes on: the caches fall back on their lifetime meanwhile
            {
                changes.Moved();

                // this connection waits on the server all the time, so it is the first to see a restart: every idle
                // pooled connection died with it, and clearing the pools now spares the next requests from finding out
                DatabaseOutage.Observe(e);
                if (!lost)
                {
                    LogLost(e, Retry);
                    lost = true;
                }
            }

            try
            {
                await Task.Delay(Retry, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Lost the database connection that reports access changes by other hosts; cached callers expire by their lifetime until it is back (retrying every {Retry})")]
    private partial void LogLost(Exception exception, TimeSpan retry);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for access changes again")]
    private partial void LogListening();
}
