using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Taxii.Server.Hosting;

internal static class LoggingSetup
{
    /// <summary>Serilog as the logging provider: console text by default, compact JSON with <c>Taxii:Logging:Json=true</c>.</summary>
    public static IHostApplicationBuilder AddTaxiiLogging(this IHostApplicationBuilder builder)
    {
        var json = builder.Configuration.GetValue<bool>("Taxii:Logging:Json");
        // preserveStaticLogger: several hosts may share one process (tests); none may replace another's logger
        builder.Services.AddSerilog((services, logger) =>
        {
            // the host's own "failed to start" entry repeats, with a stack trace, what Program reports in one line
            logger.MinimumLevel.Override("Microsoft.Extensions.Hosting.Internal.Host", LogEventLevel.Fatal)
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext();
            if (json)
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
            else
            {
                logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
            }
        }, preserveStaticLogger: true);
        return builder;
    }

    /// <summary>A logger for the moments before the host exists (embedded database start, fatal start errors).</summary>
    public static Serilog.ILogger CreateStartupLogger(IConfiguration configuration) =>
        configuration.GetValue<bool>("Taxii:Logging:Json")
            ? new LoggerConfiguration().WriteTo.Console(new RenderedCompactJsonFormatter()).CreateLogger()
            : new LoggerConfiguration().WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}").CreateLogger();
}
