using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Taxii.Server.Hosting;

/// <summary>
/// <c>Taxii:TrustedProxies</c>: reverse proxies (addresses or CIDR networks) whose <c>X-Forwarded-For</c> names the
/// client and whose <c>X-Forwarded-Proto</c> names the scheme it used. Only then is the client address taken from the
/// header, for failed-login limits and logs, and the scheme, for the protocol binding TAXII answers in and advertises;
/// from anyone else both headers are ignored, so a client can pick neither the address it is counted under nor the
/// binding. Empty (the default): the TCP peer is the client, and the connection says whether it used TLS.
/// </summary>
internal static class TrustedProxies
{
    public const string SectionName = "Taxii:TrustedProxies";

    public static IHostApplicationBuilder AddTaxiiTrustedProxies(this IHostApplicationBuilder builder)
    {
        var entries = builder.Configuration.GetSection(SectionName).Get<List<string>>() ?? [];
        builder.Services.AddOptions<ForwardedHeadersOptions>()
            .Configure(o =>
            {
                o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                o.KnownProxies.Clear();
                o.KnownIPNetworks.Clear();
                // one proxy hop per trusted proxy: the nearest untrusted address in the chain is the client
                o.ForwardLimit = null;
                foreach (var entry in entries)
                {
                    if (TryParse(entry, out var network))
                    {
                        o.KnownIPNetworks.Add(network);
                    }
                }
            })
            .Validate(options => entries.All(e => TryParse(e, out var _)),
                $"{SectionName} must list IP addresses or networks in CIDR notation, such as 10.0.0.5 or 10.0.0.0/24")
            .ValidateOnStart();
        return builder;
    }

    /// <summary>Applies the forwarded client address and scheme when proxies are trusted; a no-op otherwise.</summary>
    public static WebApplication UseTaxiiTrustedProxies(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value.KnownIPNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    private static bool TryParse(string entry, out System.Net.IPNetwork network)
    {
        if (IPAddress.TryParse(entry, out var address))
        {
            network = new System.Net.IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        return System.Net.IPNetwork.TryParse(entry, out network);
    }
}
