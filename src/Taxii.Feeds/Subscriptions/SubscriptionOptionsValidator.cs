using System.Net;
using Microsoft.Extensions.Options;

namespace Taxii.Feeds.Subscriptions;

/// <summary>Names each entry of <see cref="SubscriptionOptions.PushAllowedNetworks"/> that is not a network in CIDR notation.</summary>
internal sealed class SubscriptionOptionsValidator : IValidateOptions<SubscriptionOptions>
{
    public ValidateOptionsResult Validate(string? name, SubscriptionOptions options)
    {
        var failures = options.PushAllowedNetworks
            .Select((network, i) => IPNetwork.TryParse(network, out _)
                ? null
                : $"{SubscriptionOptions.SectionName}:{nameof(SubscriptionOptions.PushAllowedNetworks)}:{i} must be a network in CIDR notation, such as 10.20.0.0/16; got '{network}'")
            .OfType<string>()
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
