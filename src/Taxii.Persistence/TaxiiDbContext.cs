using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Audit;
using Taxii.Core.Collections;
using Taxii.Core.Datasets;
using Taxii.Core.Entities;
using Taxii.Core.Feeds;
using Taxii.Core.Security;

namespace Taxii.Persistence;

/// <summary>The database; it also keeps the Data Protection keys, so every host on it can read the secrets any of them stored.</summary>
public sealed class TaxiiDbContext(DbContextOptions<TaxiiDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<User> Users => Set<User>();

    public DbSet<Group> Groups => Set<Group>();

    public DbSet<GroupMembership> GroupMemberships => Set<GroupMembership>();

    public DbSet<Role> Roles => Set<Role>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<UserCertificate> UserCertificates => Set<UserCertificate>();

    public DbSet<FailedLoginCount> FailedLoginCounts => Set<FailedLoginCount>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    public DbSet<Dataset> Datasets => Set<Dataset>();

    public DbSet<DatasetAccess> DatasetAccess => Set<DatasetAccess>();

    public DbSet<Entity> Entities => Set<Entity>();

    public DbSet<Observable> Observables => Set<Observable>();

    public DbSet<Collection> Collections => Set<Collection>();

    public DbSet<Service> Services => Set<Service>();

    public DbSet<ContentBlock> ContentBlocks => Set<ContentBlock>();

    public DbSet<CollectionAccess> CollectionAccess => Set<CollectionAccess>();

    public DbSet<Subscription> Subscriptions => Set<Subscription>();

    public DbSet<SubscriptionDelivery> SubscriptionDeliveries => Set<SubscriptionDelivery>();

    public DbSet<PushCredential> PushCredentials => Set<PushCredential>();

    public DbSet<PollResult> PollResults => Set<PollResult>();

    public DbSet<PollResultPart> PollResultParts => Set<PollResultPart>();

    public DbSet<EntityRelation> EntityRelations => Set<EntityRelation>();

    public DbSet<EntityIncomingFeed> EntityIncomingFeeds => Set<EntityIncomingFeed>();

    public DbSet<EntityContributor> EntityContributors => Set<EntityContributor>();

    public DbSet<EntityContributorGroup> EntityContributorGroups => Set<EntityContributorGroup>();

    public DbSet<OutgoingFeed> OutgoingFeeds => Set<OutgoingFeed>();

    public DbSet<OutgoingFeedRun> OutgoingFeedRuns => Set<OutgoingFeedRun>();

    public DbSet<OutgoingFeedPackage> OutgoingFeedPackages => Set<OutgoingFeedPackage>();

    public DbSet<OutgoingFeedItem> OutgoingFeedItems => Set<OutgoingFeedItem>();

    public DbSet<IncomingFeed> IncomingFeeds => Set<IncomingFeed>();

    public DbSet<IncomingFeedRun> IncomingFeedRuns => Set<IncomingFeedRun>();

    public DbSet<IncomingFeedRunError> IncomingFeedRunErrors => Set<IncomingFeedRunError>();

    public DbSet<IngestedPackage> IngestedPackages => Set<IngestedPackage>();

    public DbSet<MountPointFile> MountPointFiles => Set<MountPointFile>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TaxiiDbContext).Assembly);
}
