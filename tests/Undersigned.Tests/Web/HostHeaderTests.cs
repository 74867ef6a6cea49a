using System.Net;
using System.Text.Json;
using Undersigned.Data;
using Undersigned.Storage;
using Undersigned.Tests.Email;
using Undersigned.Tests.Features.Partners;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Web;

/// <summary>
/// Every absolute link comes from App:PublicUrl, never from the request's Host header: here the host filter is opened
/// (<c>AllowedHosts=*</c>) and every request names evil.example, and no page, API answer or email repeats it.
/// </summary>
public sealed class HostHeaderTests(PerDatabase<PublicUrlMailApp> apps, ITestOutputHelper output)
    : IntegrationTest<PublicUrlMailApp>(apps, output)
{
    private const string Evil = "evil.example";
    private const string PublicUrl = PublicUrlMailApp.PublicUrl;

    [Theory, OnEachDatabase]
    public async Task The_share_box_and_the_confirmation_email_link_to_the_public_address_whatever_the_Host_header(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var form = new SignatureForm();
        using var signer = NewSigner();
        signer.Http.DefaultRequestHeaders.Host = Evil;

        using var signed = await signer.SignAsync(Demo, form);
        using var thanks = await signer.Http.GetAsync(signed.RedirectTarget());

        var page = await thanks.ReadPageAsync();
        Assert.Equal($"{PublicUrl}/p/{Demo}", page.QuerySelector("#petition-link")?.GetAttribute("value"));
        Assert.DoesNotContain(Evil, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        await Fixture.Sink.WaitUntilAsync(s => s.To(form.Email!).Any(), TimeSpan.FromSeconds(20), "the confirmation email");
        var message = Fixture.Sink.To(form.Email!).Single();
        Assert.Contains($"{PublicUrl}/p/{Demo}/confirm/", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(Evil, message.TextBody + message.HtmlBody, StringComparison.Ordinal);
    }

    [Theory, OnEachDatabase]
    public async Task The_partner_dashboard_and_api_link_to_the_public_address_whatever_the_Host_header(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var c = await Coalition.CreateAsync(App);
        await c.SignAsync(optInTo: [Coalition.Partner]);
        await c.SignAsync(optInTo: [Coalition.Partner]);
        using var partner = await StaffMember.LogInAsync(App, StaffRoles.Partner, Coalition.Partner);
        partner.Http.DefaultRequestHeaders.Host = Evil;
        var key = await PartnerKeys.CreateAsync(partner, Coalition.Partner);

        using var dashboard = await partner.Http.GetAsync($"/partners/{Coalition.Partner}");
        using var client = App.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/partners/{Coalition.Partner}/petitions/{c.Slug}/signatures?per_page=1");
        request.Headers.Host = Evil;
        request.Headers.Authorization = new("Bearer", key);
        using var api = await client.SendAsync(request);

        var page = await dashboard.ReadPageAsync();
        Assert.Contains($"{PublicUrl}/p/{c.Slug}?source={Coalition.Partner}",
            page.QuerySelectorAll("input.tracked-link").Select(i => i.GetAttribute("value")));
        Assert.DoesNotContain(Evil, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        var body = await api.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        using var json = JsonDocument.Parse(body);
        var links = json.RootElement.GetProperty("_links");
        var path = $"{PublicUrl}/api/v1/partners/{Coalition.Partner}/petitions/{c.Slug}/signatures?";
        Assert.StartsWith(path, links.GetProperty("self").GetProperty("href").GetString(), StringComparison.Ordinal);
        Assert.StartsWith(path + "cursor=", links.GetProperty("next").GetProperty("href").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Evil, body, StringComparison.Ordinal);
    }

    [Theory, OnEachDatabase]
    public async Task The_openapi_document_names_the_public_address_as_its_server(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var client = App.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = Evil;

        using var response = await client.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        Assert.Equal(PublicUrl, Assert.Single(json.RootElement.GetProperty("servers").EnumerateArray()).GetProperty("url").GetString());
        Assert.DoesNotContain(Evil, body, StringComparison.Ordinal);
    }

    [Theory, OnEachDatabase]
    public async Task A_signed_out_visitor_is_sent_to_the_login_page_on_the_public_address(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var client = App.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin");
        request.Headers.Host = Evil;

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{PublicUrl}/login?ReturnUrl=%2Fadmin", response.Headers.Location?.OriginalString);
    }

    [Theory, OnEachDatabase]
    public async Task In_Development_a_public_address_admits_its_own_host_and_loopback_only(DatabaseProvider provider)
    {
        await UseAsync(provider);

        await using var app = Fixture.CreateApp(Fixture.Database, settings: new Dictionary<string, string?> { ["App:PublicUrl"] = PublicUrl });
        await Task.Run(app.Start);
        using var client = app.CreateHttpClient();

        var answers = new Dictionary<string, HttpStatusCode>();
        foreach (var host in new[] { "petitions.example.org", $"localhost:{app.Address.Port}", app.Address.Authority, Evil })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.Host = host;
            using var response = await client.SendAsync(request);
            answers[host] = response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, answers["petitions.example.org"]);
        Assert.Equal(HttpStatusCode.OK, answers[$"localhost:{app.Address.Port}"]);
        Assert.Equal(HttpStatusCode.OK, answers[app.Address.Authority]);
        Assert.Equal(HttpStatusCode.BadRequest, answers[Evil]);
    }
}

/// <summary>Email to a real SMTP server, a public address, and a host filter that lets any Host header through.</summary>
public class PublicUrlMailApp : MailAppFixture
{
    public const string PublicUrl = "https://petitions.example.org";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(SettingsFor(Sink))
    {
        ["App:PublicUrl"] = PublicUrl,
        ["AllowedHosts"] = "*",
    };
}
