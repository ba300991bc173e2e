using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Tests.Feeds;
using Taxii.Testing;

namespace Taxii.Server.Tests.Ui;

/// <summary>
/// The UI host for the outgoing feed pages: <see cref="UiFactory"/>'s users, a user who may only read outgoing feeds,
/// a whitelisted push directory for mount-point feeds, and a dataset with a few entities (added through the REST API).
/// </summary>
public sealed class OutgoingFeedUiFactory : UiFactory
{
    public const string FeedReaderName = "ui-feed-reader";
    public const string DatasetName = "ui-feed-dataset";

    public static readonly string[] Addresses = ["198.51.100.21", "198.51.100.22", "198.51.100.23"];

    public string PushDirectory { get; } = TempDirectory.Create("taxii-ui-push");

    public int DatasetId { get; private set; }

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Taxii:MountPoints:PushAllowedDirectories:0"] = PushDirectory,
    };

    protected override async Task SeedAsync()
    {
        await base.SeedAsync();
        var reader = await CreateUserAsync(FeedReaderName, Password);
        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
            var role = new Role { Name = "outgoing feed reader", Permissions = [Permissions.ReadOutgoingFeeds] };
            db.Roles.Add(role);
            db.Users.Attach(reader);
            reader.Roles.Add(role);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var api = Api();
        DatasetId = await api.CreateDatasetAsync(DatasetName);
        await api.AddEntitiesAsync(DatasetId, "[" + string.Join(",", Addresses.Select((a, i) =>
            $$"""{"type":"indicator","title":"ui feed {{i}}","observables":[{"kind":"ipv4","value":"{{a}}"}]}""")) + "]");
    }

    /// <summary>The REST API as the administrator (basic authentication).</summary>
    internal FeedApi Api() => new(CreateClient(AdminName, Password));
}
