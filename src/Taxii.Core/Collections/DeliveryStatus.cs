namespace Taxii.Core.Collections;

public enum DeliveryStatus
{
    Pending,
    Succeeded,
    Failed,
}
