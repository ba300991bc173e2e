using FluentAssertions;
using Taxii.Feeds;
using Taxii.Persistence.Stores;

namespace Taxii.Server.Tests.Faults;

/// <summary>
/// Every advisory lock class names one kind of lock: an outgoing feed run once shared its class with the entity store's
/// dataset lock, so ingesting into dataset N refused a run of outgoing feed N as "another run in progress".
/// </summary>
public sealed class AdvisoryLockClassTests
{
    [Fact]
    public void Lock_classes_are_distinct() =>
        new[] { ContentStore.WindowLockClass, EntityStore.DatasetLockClass, FeedRunLock.Outgoing, FeedRunLock.Incoming }.Should().OnlyHaveUniqueItems();
}
