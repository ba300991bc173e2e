using Taxii.Core;
using Taxii.Feeds;
using Taxii.Persistence;
using Taxii.Server.Admin;
using Taxii.Server.Auth;
using Taxii.Server.Hosting;
using Taxii.Server.Jobs;
using Taxii.Server.Taxii;
using Taxii.Server.Ui;

var command = TaxiiCommand.Parse(args, out var commandError);
if (command is null || command.Verb == TaxiiCommand.Help)
{
    (command is null ? Console.Error : Console.Out).WriteLine(commandError ?? TaxiiCommand.HelpText);
    return command is null ? 2 : 0;
}

if (command.Verb == TaxiiCommand.Health)
{
    // before anything is built: a health probe starts no database and reads only where the server listens
    var settings = new ConfigurationBuilder().SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables("ASPNETCORE_").AddEnvironmentVariables().AddCommandLine(command.HostArgs).Build();
    return await HealthCommand.RunAsync(command, settings, CancellationToken.None);
}

// settings and defaults (appsettings.json) come from beside the program, not from wherever it was started (a service
// unit's working directory is often /); an explicit --contentRoot still wins
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = command.HostArgs,
    ContentRootPath = command.HostArgs.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase)) ? null : AppContext.BaseDirectory,
});
var startupLogger = LoggingSetup.CreateStartupLogger(builder.Configuration);
Taxii.Persistence.Embedded.EmbeddedPostgres? embedded = null;
try
{
    DatabasePassword.Apply(builder.Configuration);
    // migrate and admin create must never stop or refuse because a server is running: they use its PostgreSQL
    embedded = await EmbeddedDatabase.StartIfUnconfiguredAsync(builder, attachToRunning: command.Verb != TaxiiCommand.Run, startupLogger, CancellationToken.None);
    builder.AddTaxiiLogging()
        .AddTaxiiCore()
        .AddTaxiiPersistence()
        .AddTaxiiAuth()
        .AddTaxiiJobs()
        .AddTaxiiFeeds()
        .AddTaxiiServices()
        .AddTaxiiOpenApi()
        .AddTaxiiUi()
        .AddTaxiiHost();

    var app = builder.Build();
    app.UseTaxiiHost();
    app.UseTaxiiOpenApi();
    app.MapAdminApi();
    app.MapJobDashboard();
    app.MapTaxiiUi();
    app.MapTaxiiServices();

    var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Taxii");
    switch (command.Verb)
    {
        case TaxiiCommand.Migrate:
            await Taxii.Persistence.DependencyInjection.MigrateAsync(app.Services, logger, CancellationToken.None);
            return 0;
        case TaxiiCommand.AdminCreate:
            return await AdminCommand.CreateAsync(app.Services, command, logger, CancellationToken.None);
        default:
            await app.RunAsync();
            return 0;
    }
}
catch (Exception e) when (e is not HostAbortedException)
{
    // one line that names the cause (for options: the setting); a stack trace only for what is not a setup mistake
    startupLogger.Fatal(StartupFailure.IsSetupMistake(e) ? null : e, "Taxii stopped: {Reason}", StartupFailure.Describe(e));
    return 1;
}
finally
{
    if (embedded is not null)
    {
        await embedded.DisposeAsync();
    }

    (startupLogger as IDisposable)?.Dispose();
}

public partial class Program;
