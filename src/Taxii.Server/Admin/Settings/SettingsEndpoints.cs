using Microsoft.Extensions.Options;
using Taxii.Core.Settings;
using Taxii.Server.Auth;

namespace Taxii.Server.Admin.Settings;

/// <summary><c>/api/v1/settings</c>: the limits and whitelists in force, read-only (they come from configuration).</summary>
internal static class SettingsEndpoints
{
    public static void MapSettings(this IEndpointRouteBuilder api) =>
        api.MapGet("/settings", (IOptions<BlobLimitsOptions> limits, IOptions<MountPointOptions> mounts) => TypedResults.Ok(new SettingsDto(
                limits.Value.MaxBlobSize, limits.Value.UploadLimit, mounts.Value.PollAllowedDirectories, mounts.Value.PushAllowedDirectories)))
            .WithTags("Settings").WithName("GetSettings").RequireAuthorization(Policies.Admin);
}
