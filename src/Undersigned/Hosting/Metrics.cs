using System.Net;
using OpenTelemetry.Metrics;

namespace Undersigned.Hosting;

/// <summary>Configuration under <c>Metrics:</c>.</summary>
public sealed class MetricsOptions
{
    /// <summary>Off by default: nothing is exported, and the instruments cost next to nothing.</summary>
    public bool Enabled { get; set; }

    /// <summary>Where Prometheus scrapes.</summary>
    public string Path { get; set; } = "/metrics";

    /// <summary>
    /// Networks (CIDR) a scrape may come from, besides loopback. A request that came through the proxy (one with
    /// X-Forwarded-For) is never answered, so the public cannot read the figures through the site.
    /// </summary>
    public string[] AllowedNetworks { get; set; } = [];
}

/// <summary>
/// OpenTelemetry metrics with a Prometheus scrape endpoint, as in eShop's service defaults: the app's own meter
/// (intake, outbox: <see cref="MeterName"/>), ASP.NET Core's request metrics and the .NET runtime's. The figures
/// are counts and durations only; no instrument carries a signer's address, name or network address.
/// </summary>
public static class Metrics
{
    public const string MeterName = "Undersigned";

    public static void AddMetrics(this WebApplicationBuilder builder)
    {
        if (!Read(builder.Configuration).Enabled)
        {
            return;
        }
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(MeterName)
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
    }

    /// <summary>Answers scrapes before any other middleware (host filtering would refuse a scraper's Host header).</summary>
    public static void UseMetrics(this WebApplication app)
    {
        var options = Read(app.Configuration);
        if (!options.Enabled)
        {
            return;
        }
        var networks = options.AllowedNetworks.Select(IPNetwork.Parse).ToList();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Request.Path == options.Path && MayScrape(context, networks));
    }

    private static MetricsOptions Read(IConfiguration configuration) =>
        configuration.GetSection("Metrics").Get<MetricsOptions>() ?? new();

    private static bool MayScrape(HttpContext context, List<IPNetwork> networks) =>
        !context.Request.Headers.ContainsKey("X-Forwarded-For")
        && context.Connection.RemoteIpAddress is { } client
        && (IPAddress.IsLoopback(client) || networks.Any(n => n.Contains(client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client)));
}
