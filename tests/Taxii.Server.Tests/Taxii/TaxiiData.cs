using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Collections;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Protocol.Messages;
using Taxii.Testing;
using CollectionType = Taxii.Core.Collections.CollectionType;
using ContentBlock = Taxii.Protocol.Messages.ContentBlock;
using ProtocolContentBinding = Taxii.Protocol.Messages.ContentBinding;

namespace Taxii.Server.Tests.Taxii;

/// <summary>Collections, rights and content for inbox and poll tests, written straight through the host's TaxiiDbContext.</summary>
internal static partial class TaxiiData
{
    public const string Inbox = "/taxii-inbox-service/";
    public const string Poll = "/taxii-poll-service/";
    public const string Stix12 = ContentBindingIds.Stix12;
    public const string Json = ContentBindingIds.EclecticIqJson10;

    public static async Task<Collection> AddCollectionAsync(this TaxiiAppFactory app, string name,
        CollectionType type = CollectionType.DataFeed, string[]? bindings = null, string[]? servicePaths = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        string[] paths = servicePaths ?? [Inbox, Poll];
        var services = await db.Services.Where(s => paths.Contains(s.Path)).ToListAsync(TestContext.Current.CancellationToken);
        var now = DateTimeOffset.UtcNow;
        var collection = new Collection
        {
            Name = name,
            Description = name,
            Type = type,
            ContentBindings = [.. bindings ?? []],
            Services = services,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Collections.Add(collection);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return collection;
    }

    /// <summary>Puts the user in a new group granted <paramref name="read"/>/<paramref name="write"/> on the collection.</summary>
    public static async Task GrantAsync(this TaxiiAppFactory app, User user, Collection collection, bool read, bool write)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var group = new Core.Security.Group { Name = $"{collection.Name}-{user.Name}-{Guid.NewGuid():N}", CreatedAt = DateTimeOffset.UtcNow };
        db.Groups.Add(group);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        db.GroupMemberships.Add(new GroupMembership { GroupId = group.Id, UserId = user.Id });
        db.CollectionAccess.Add(new CollectionAccess { GroupId = group.Id, CollectionId = collection.Id, CanRead = read, CanWrite = write });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<int> CountBlocksAsync(this TaxiiAppFactory app, Collection collection)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        return await db.ContentBlocks.CountAsync(b => b.CollectionId == collection.Id, TestContext.Current.CancellationToken);
    }

    public static async Task<string> StixAsync(string sample)
    {
        var text = await File.ReadAllTextAsync(ReferenceMaterial.Require("samples/stix/" + sample), TestContext.Current.CancellationToken);
        // content goes inside the envelope, where an XML declaration is not allowed
        return XmlDeclaration().Replace(text, "").Trim();
    }

    public static ContentBlock XmlBlock(string xml, string binding = Stix12) => new(new ProtocolContentBinding(binding), TaxiiContent.FromXml(xml));

    public static ContentBlock TextBlock(string text, string binding = Json) => new(new ProtocolContentBinding(binding), TaxiiContent.FromText(text));

    public static InboxMessage Message(IEnumerable<ContentBlock> blocks, params string[] destinations) =>
        new(MessageIds.New()) { ContentBlocks = [.. blocks], DestinationCollectionNames = destinations };

    public static PollRequest PollOf(string collection, DateTimeOffset? begin = null, DateTimeOffset? end = null, PollParameters? parameters = null) =>
        new(MessageIds.New(), collection) { ExclusiveBeginTimestamp = begin, InclusiveEndTimestamp = end, PollParameters = parameters ?? new PollParameters() };

    [GeneratedRegex(@"^\s*<\?xml[^>]*\?>")]
    private static partial Regex XmlDeclaration();
}
