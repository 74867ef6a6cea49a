using System.Net;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Retention;

/// <summary>The privacy page says what the configuration does, and every public page links to it.</summary>
public sealed class PrivacyPageTests(PerDatabase<PrivacyPageTests.ConfiguredApp> apps, ITestOutputHelper output)
    : IntegrationTest<PrivacyPageTests.ConfiguredApp>(apps, output)
{
    public sealed class ConfiguredApp : AppFixture
    {
        protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
        {
            ["Privacy:Controller"] = "Freedom to Thrive",
            ["Privacy:Contact"] = "privacy@freedomtothrive.example",
            ["Retention:AfterClose"] = "90.00:00:00",
            ["Signing:UnconfirmedSignatureLifetime"] = "10.00:00:00",
        };
    }

    [Theory, OnDatabase(DatabaseProvider.Sqlite)]
    public async Task The_privacy_page_states_the_configured_controller_contact_and_retention(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var page = await GetPageAsync("/privacy");

        var text = page.QuerySelector("main")!.TextContent;
        Assert.Contains("Freedom to Thrive is responsible", text, StringComparison.Ordinal);
        Assert.Contains("privacy@freedomtothrive.example", text, StringComparison.Ordinal);
        Assert.Contains("90 days after a petition closes", text, StringComparison.Ordinal);
        Assert.Contains("deleted after 10 days", text, StringComparison.Ordinal);
    }

    [Theory]
    [OnDatabase(DatabaseProvider.Sqlite, "/", HttpStatusCode.OK)]
    [OnDatabase(DatabaseProvider.Sqlite, "/p/stop-shotspotter", HttpStatusCode.OK)]
    [OnDatabase(DatabaseProvider.Sqlite, "/p/stop-shotspotter/manage", HttpStatusCode.OK)]
    [OnDatabase(DatabaseProvider.Sqlite, "/login", HttpStatusCode.OK)]
    [OnDatabase(DatabaseProvider.Sqlite, "/no-such-page", HttpStatusCode.NotFound)]
    public async Task Every_page_links_to_the_privacy_page(DatabaseProvider provider, string path, HttpStatusCode status)
    {
        await UseAsync(provider);

        // The page itself, not an error page standing in for it (only the missing page is one, and links too).
        var page = await GetPageAsync(path, status);

        var link = page.QuerySelector("footer a[href='/privacy']");
        Assert.False(string.IsNullOrWhiteSpace(link?.TextContent), $"{path} has no link to the privacy page in its footer.");
    }
}
