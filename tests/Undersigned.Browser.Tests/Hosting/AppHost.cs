using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Undersigned.Browser.Tests.Hosting;

/// <summary>
/// The real application on real Kestrel at a loopback port, over a SQLite file of its own, so the browser talks
/// to it exactly as a signer's browser would.
/// </summary>
public sealed class AppHost : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("undersigned-browser-").FullName;

    public AppHost() => UseKestrel(0);

    /// <summary>The address the app answers on, such as http://127.0.0.1:41234.</summary>
    public Uri Origin { get; private set; } = null!;

    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        Origin = new Uri(addresses.Addresses.First());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={Path.Combine(_folder, "undersigned.db")}");
        builder.UseSetting("Seed:Demo", "true");
        // The test reads the page right after confirming; the one-second page cache is for surges.
        builder.UseSetting("Petitions:PageCache", "00:00:00");
        // The tests read what the browser shows; the app's request logs would only bury a failure.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
