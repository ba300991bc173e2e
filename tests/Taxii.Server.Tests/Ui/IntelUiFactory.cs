using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Feeds;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Testing;

namespace Taxii.Server.Tests.Ui;

/// <summary>
/// The UI host with incoming feeds and datasets to show: a group with an uploader (modify incoming feeds) and a reader
/// (read only), a dataset of theirs, an upload feed, a TAXII poll feed, a disabled feed, and enough feeds and datasets
/// for a second page. Uploads are limited to <see cref="UploadLimit"/> bytes.
/// </summary>
public sealed class IntelUiFactory : UiFactory
{
    public const string UploaderName = "intel-uploader";
    public const string IntelReaderName = "intel-reader";
    public const long UploadLimit = 64 * 1024;

    /// <summary>Feeds besides the named ones, so the feed list has a second page.</summary>
    public const int ExtraFeeds = 26;

    public int GroupId { get; private set; }

    public int DatasetId { get; private set; }

    public int UploadFeedId { get; private set; }

    public int PollFeedId { get; private set; }

    public int DisabledFeedId { get; private set; }

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Taxii:Limits:MaxUploadedBlobSize"] = UploadLimit.ToString(CultureInfo.InvariantCulture),
    };

    protected override async Task SeedAsync()
    {
        await base.SeedAsync();
        var uploader = await CreateUserAsync(UploaderName, Password);
        var reader = await CreateUserAsync(IntelReaderName, Password);
        GroupId = await this.AddGroupAsync("intel", uploader.Id, reader.Id);
        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
            var read = new Role { Name = "intel reading", Permissions = [Permissions.ReadIncomingFeeds, Permissions.ReadDatasets] };
            var modify = new Role { Name = "intel uploading", Permissions = [Permissions.ModifyIncomingFeeds, Permissions.ModifyDatasets] };
            db.Roles.AddRange(read, modify);
            db.AttachRange(uploader, reader);
            uploader.Roles.AddRange([read, modify]);
            reader.Roles.Add(read);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        DatasetId = await this.AddDatasetAsync("intel shared", GroupId);
        UploadFeedId = await this.AddIncomingFeedAsync(new IncomingFeed
        {
            Name = "intel upload",
            Description = "Files analysts send",
            DatasetId = DatasetId,
            TransportType = IncomingTransportType.ManualUpload,
        }, GroupId);
        PollFeedId = await this.AddIncomingFeedAsync(new IncomingFeed
        {
            Name = "intel poll",
            DatasetId = DatasetId,
            TransportType = IncomingTransportType.TaxiiPoll,
            Transport = new IncomingTransportSettings { PollUrl = "http://127.0.0.1:9/taxii-poll/", CollectionName = "remote", TaxiiVersion = "1.1" },
            ContentType = FeedContentType.Stix12,
            Schedule = "*/15 * * * *",
        }, GroupId);
        DisabledFeedId = await this.AddIncomingFeedAsync(new IncomingFeed
        {
            Name = "intel disabled",
            Enabled = false,
            DatasetId = DatasetId,
            TransportType = IncomingTransportType.ManualUpload,
            ContentType = FeedContentType.Csv,
        }, GroupId);
        for (var i = 0; i < ExtraFeeds; i++)
        {
            await this.AddIncomingFeedAsync(new IncomingFeed
            {
                Name = $"intel extra {i:00}",
                DatasetId = DatasetId,
                TransportType = IncomingTransportType.ManualUpload,
                ContentType = FeedContentType.PlainText,
            }, GroupId);
        }
    }
}
