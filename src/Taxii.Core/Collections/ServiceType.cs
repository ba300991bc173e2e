namespace Taxii.Core.Collections;

public enum ServiceType
{
    Discovery,
    CollectionManagement,
    Inbox,
    Poll,
}
