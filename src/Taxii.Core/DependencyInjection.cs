using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Taxii.Core.Security;
using Taxii.Core.Settings;

namespace Taxii.Core;

public static class DependencyInjection
{
    /// <summary>Settings bound and validated at start, and the core services.</summary>
    public static IHostApplicationBuilder AddTaxiiCore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BlobLimitsOptions>().BindConfiguration(BlobLimitsOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BlobLimitsOptions>, BlobLimitsValidator>());
        builder.Services.AddOptions<MountPointOptions>().BindConfiguration(MountPointOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MountPointOptions>, MountPointValidator>());
        builder.Services.AddSingleton<PasswordHashing>();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }
}
