using Taxii.Server.Admin.Audit;
using Taxii.Server.Admin.Collections;
using Taxii.Server.Admin.Datasets;
using Taxii.Server.Admin.Groups;
using Taxii.Server.Admin.IncomingFeeds;
using Taxii.Server.Admin.OutgoingFeeds;
using Taxii.Server.Admin.PushCredentials;
using Taxii.Server.Admin.Roles;
using Taxii.Server.Admin.Services;
using Taxii.Server.Admin.Settings;
using Taxii.Server.Admin.Tokens;
using Taxii.Server.Admin.Users;

namespace Taxii.Server.Admin;

internal static class AdminApi
{
    public const string Prefix = "/api/v1";

    /// <summary>JSON bodies are configuration, not packages: far below MaxBlobSize (uploads get their own limit).</summary>
    public const long MaxJsonBodySize = 4L * 1024 * 1024;

    /// <summary>The versioned REST API: authenticated callers only, each endpoint by permission, errors as problem details.</summary>
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).RequireAuthorization()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxJsonBodySize))
            .WithProblemResponses()
            .RefusingNulInQuery();
        api.MapMe();
        api.MapUsers();
        api.MapGroups();
        api.MapRoles();
        api.MapDatasets();
        api.MapCollections();
        api.MapServices();
        api.MapPushCredentials();
        api.MapOutgoingFeeds();
        api.MapIncomingFeeds().MapIncomingFeedUploads();
        api.MapAudit();
        api.MapSettings();
        api.MapApiFallback();
        return api;
    }
}
