using Microsoft.Extensions.Options;

namespace Taxii.Core.Settings;

internal sealed class MountPointValidator : IValidateOptions<MountPointOptions>
{
    public ValidateOptionsResult Validate(string? name, MountPointOptions options)
    {
        var failures = Check("PollAllowedDirectories", options.PollAllowedDirectories)
            .Concat(Check("PushAllowedDirectories", options.PushAllowedDirectories))
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> Check(string setting, List<string> directories)
    {
        for (var i = 0; i < directories.Count; i++)
        {
            // a relative entry would depend on the working directory, and so would what it lets feeds touch
            if (string.IsNullOrWhiteSpace(directories[i]) || !Path.IsPathFullyQualified(directories[i]))
            {
                yield return $"{MountPointOptions.SectionName}:{setting}:{i} must be an absolute directory path; got '{directories[i]}'";
            }
        }
    }
}
