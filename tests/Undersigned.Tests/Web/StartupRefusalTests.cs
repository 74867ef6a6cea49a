using System.Net;
using Microsoft.EntityFrameworkCore;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Web;

/// <summary>
/// The real executable in Production: without its public address or a choice of email transport the web server
/// says which setting is missing, in one line, and exits before touching the database; with both it starts. The
/// operator commands need neither.
/// </summary>
public sealed class StartupRefusalTests(PerDatabase<DatabaseFixture> databases, ITestOutputHelper output)
    : FixtureTest(databases, output)
{
    private const string PublicUrl = "https://petitions.example.org";

    /// <summary>Settings on top of the database's, and the setting the refusal must name.</summary>
    public static TheoryData<string, string> Refusals => new()
    {
        { "Email:Transport=DevMailbox", "App:PublicUrl" },
        { "App:PublicUrl=petitions.example.org|Email:Transport=DevMailbox", "App:PublicUrl" },
        { "App:PublicUrl=https://petitions.example.org/sign|Email:Transport=DevMailbox", "App:PublicUrl" },
        { "App:PublicUrl=ftp://petitions.example.org|Email:Transport=DevMailbox", "App:PublicUrl" },
        { "App:PublicUrl=http://petitions.example.org|Email:Transport=DevMailbox", "App__AllowPlainHttp=true" },
        { "App:PublicUrl=https://petitions.example.org|App:AllowPlainHttp=yes|Email:Transport=DevMailbox", "App:AllowPlainHttp" },
        { "App:PublicUrl=https://petitions.example.org", "Email:Smtp:Host" },
        { "App:PublicUrl=https://petitions.example.org|Email:Smtp:Host=", "Email__Transport=DevMailbox" },
        { "App:PublicUrl=https://petitions.example.org|Email:Transport=Pigeon", "Email:Transport" },
        { "App:PublicUrl=https://petitions.example.org|Email:Transport=Smtp", "Email:Smtp:Host" },
    };

    [Theory, OnEachDatabase(Rows = nameof(Refusals))]
    public async Task A_production_server_missing_a_setting_it_cannot_guess_names_it_and_exits_without_touching_the_database(
        DatabaseProvider provider, string settings, string named)
    {
        await UseAsync(provider);

        var database = await Fixture.CreateDatabaseAsync();
        var environment = new Dictionary<string, string>(database.Settings)
        {
            // Should it start after all, it listens where nothing else does, and the test fails on its time-out.
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        };
        foreach (var setting in settings.Split('|'))
        {
            environment[setting[..setting.IndexOf('=', StringComparison.Ordinal)]] = setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..];
        }

        var outcome = await UndersignedExecutable.RunAsync(environment, null);

        Assert.True(outcome.ExitCode != 0, outcome.ToString());
        var line = Assert.Single(outcome.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.StartsWith("Undersigned will not start (Production): ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", outcome.StandardError, StringComparison.Ordinal);
        Assert.Empty(outcome.StandardOutput.Trim());
        await using var db = database.Open();
        Assert.Empty(await db.Database.GetAppliedMigrationsAsync());
    }

    [Theory, OnEachDatabase]
    public async Task Operator_commands_run_in_production_without_a_public_address_or_an_email_choice(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var database = await Fixture.CreateDatabaseAsync();

        var migrated = await UndersignedExecutable.RunAsync(database, "migrate");
        var added = await UndersignedExecutable.RunWithInputAsync(database, "correct horse battery staple",
            "users", "add", "--email", "operator@example.org", "--role", "admin", "--password-stdin");

        Assert.True(migrated.ExitCode == 0, migrated.ToString());
        Assert.True(added.ExitCode == 0, added.ToString());
        await using var db = database.Open();
        Assert.Equal(1, await db.Users.CountAsync(u => u.Email == "operator@example.org"));
    }

    public static TheoryData<string> EmailChoices => ["DevMailbox", "Smtp"];

    [Theory, OnEachDatabase(Rows = nameof(EmailChoices))]
    public async Task A_production_server_with_its_public_address_and_an_email_choice_starts_and_answers_only_its_host(DatabaseProvider provider, string transport)
    {
        await UseAsync(provider);

        await using var sink = new SmtpSink();
        var database = await Fixture.CreateDatabaseAsync();
        var settings = new Dictionary<string, string>(database.Settings)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["App:PublicUrl"] = PublicUrl,
        };
        if (transport == "Smtp")
        {
            settings["Email:Smtp:Host"] = "127.0.0.1";
            settings["Email:Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["Email:Smtp:UseTls"] = "false";
        }
        else
        {
            settings["Email:Transport"] = transport;
        }

        using var app = await AppProcess.StartAsync(settings);
        using var client = new HttpClient { BaseAddress = app.Address };
        using var own = await GetAsync(client, "/", "petitions.example.org");
        using var evil = await GetAsync(client, "/", "evil.example");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("max-age=31536000", Assert.Single(own.Headers.GetValues("Strict-Transport-Security")));
        Assert.Equal(HttpStatusCode.BadRequest, evil.StatusCode);
        Assert.Empty(own.Headers.Server);
        Assert.Empty(evil.Headers.Server);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        return await client.SendAsync(request);
    }
}
