using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Undersigned.Data;

namespace Undersigned.Tests.Infrastructure;

/// <summary>
/// The real app on one test database. By default it runs on Kestrel on a free loopback port, so requests go through
/// the same HTTP pipeline and request-size limits as in production; <c>useKestrel: false</c> gives an in-memory
/// TestServer for the few tests that need a scheme or host Kestrel cannot fake (HTTPS).
/// </summary>
public sealed class UndersignedApp : WebApplicationFactory<Program>
{
    private readonly TestDatabase database;
    private readonly TestLog log;
    private readonly string environment;
    private readonly IReadOnlyDictionary<string, string?> settings;
    private readonly bool useKestrel;

    public UndersignedApp(TestDatabase database, TestLog log, string environment = "Development",
        IReadOnlyDictionary<string, string?>? settings = null, bool useKestrel = true)
    {
        this.database = database;
        this.log = log;
        this.environment = environment;
        this.settings = settings ?? new Dictionary<string, string?>();
        this.useKestrel = useKestrel;
        if (useKestrel)
        {
            UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        }
    }

    /// <summary>Where Kestrel listens, once started.</summary>
    public Uri Address => new(Services.GetRequiredService<IServer>().Features
        .GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    /// <summary>Starts the app (migrating and seeding its database) and waits until it listens.</summary>
    public UndersignedApp Start()
    {
        StartServer();
        return this;
    }

    /// <summary>
    /// A client over real HTTP that never follows redirects, so tests see each 302, and that fails the test on any
    /// 5xx answer. Pass a cookie container to keep cookies (the antiforgery cookie), or none to send none. Pass a
    /// loopback address such as 127.0.0.2 as <paramref name="from"/> to connect from it: the app then sees another
    /// client's network address.
    /// </summary>
    public HttpClient CreateHttpClient(CookieContainer? cookies = null, IPAddress? from = null)
    {
        if (!useKestrel)
        {
            throw new InvalidOperationException("This app runs on TestServer; use CreateDefaultClient.");
        }
        var transport = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            AutomaticDecompression = DecompressionMethods.None,
        };
        if (from is not null)
        {
            transport.ConnectCallback = (context, ct) => ConnectFromAsync(from, context.DnsEndPoint, ct);
        }
        return new HttpClient(new NoServerErrors { InnerHandler = transport }) { BaseAddress = Address };
    }

    private static async ValueTask<Stream> ConnectFromAsync(IPAddress from, DnsEndPoint to, CancellationToken ct)
    {
        var socket = new Socket(from.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(from, 0));
            await socket.ConnectAsync(to, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Runs a query against the app's own DbContext, in a scope of its own.</summary>
    public async Task<T> QueryAsync<T>(Func<UndersignedDb, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<UndersignedDb>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        // Tests read the page right after changing what it shows; the one-second page cache is for surges.
        builder.UseSetting("Petitions:PageCache", "00:00:00");
        // Every test signs from 127.0.0.1 within seconds; the abuse tests switch the limits back on.
        builder.UseSetting("Abuse:Enabled", "false");
        // Likewise every test logs in from 127.0.0.1; the sign-in tests set their own limits and clients.
        builder.UseSetting("Staff:Login:ClientFreeFailures", "1000");
        foreach (var (key, value) in database.Settings)
        {
            builder.UseSetting(key, value);
        }
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(log);
        });
    }
}
