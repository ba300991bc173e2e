namespace Taxii.Core.Collections;

public enum SubscriptionStatus
{
    Active,
    Paused,
    Unsubscribed,
}
