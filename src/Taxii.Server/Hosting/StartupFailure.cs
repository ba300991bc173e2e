using Microsoft.Extensions.Options;
using Taxii.Persistence.Embedded;

namespace Taxii.Server.Hosting;

internal static class StartupFailure
{
    /// <summary>Configuration and environment problems the operator fixes from the message alone.</summary>
    public static bool IsSetupMistake(Exception e) => Cause(e) is OptionsValidationException or EmbeddedPostgresException or SettingException;

    /// <summary>The reason in one line: option failures joined, otherwise the cause's message.</summary>
    public static string Describe(Exception e) => Cause(e) switch
    {
        OptionsValidationException options => string.Join("; ", options.Failures),
        var cause => cause.Message.ReplaceLineEndings(" "),
    };

    /// <summary>What the host's wrappers hide: the single exception of an aggregate, or an options failure inside another.</summary>
    private static Exception Cause(Exception e) => e switch
    {
        AggregateException { InnerExceptions.Count: 1 } aggregate => Cause(aggregate.InnerExceptions[0]),
        { InnerException: OptionsValidationException inner } => inner,
        _ => e,
    };
}
