using Microsoft.Extensions.Options;
using Taxii.Persistence.Embedded;

namespace Taxii.Server.Hosting;

internal static class StartupFailure
{
    /// <summary>Configuration and environment problems the operator fixes from the message alone.</summary>
    public static bool IsSetupMistake(Exception e) => e switch
    {
        OptionsValidationException or EmbeddedPostgresException => true,
        AggregateException { InnerExceptions.Count: 1 } aggregate => IsSetupMistake(aggregate.InnerExceptions[0]),
        _ => e.InnerException is OptionsValidationException,
    };

    /// <summary>The reason in one line: option failures joined, otherwise the innermost message that says something.</summary>
    public static string Describe(Exception e) => e switch
    {
        OptionsValidationException options => string.Join("; ", options.Failures),
        AggregateException { InnerExceptions.Count: 1 } aggregate => Describe(aggregate.InnerExceptions[0]),
        _ when e.InnerException is OptionsValidationException inner => Describe(inner),
        _ => e.Message.ReplaceLineEndings(" "),
    };
}
