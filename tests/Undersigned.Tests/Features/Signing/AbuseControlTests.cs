using System.Net;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Signing;

/// <summary>Rate limits that hold rather than refuse, and the form-timing flag, with the limits switched on.</summary>
public sealed class AbuseControlTests(PerDatabase<LimitedApp> apps, ITestOutputHelper output)
    : IntegrationTest<LimitedApp>(apps, output)
{
    [Theory, OnEachDatabase]
    public async Task Signatures_over_the_limit_for_one_address_are_stored_and_held_not_refused(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var before = await ApiCountAsync(Demo);
        var address = NewAddress();
        var forms = Enumerable.Range(0, 5).Select(_ => new SignatureForm()).ToList();

        foreach (var form in forms)
        {
            using var signer = SignerBehindProxy(address);
            using var response = await signer.SignAsync(Demo, form);
            Assert.Equal($"/p/{Demo}/thanks", response.RedirectTarget());
        }

        var stored = await App.QueryAsync(db => db.Signatures.AsNoTracking()
            .Where(s => forms.Select(f => f.Email).Contains(s.Email)).OrderBy(s => s.Id).ToListAsync());
        Assert.Equal([false, false, false, true, true], stored.Select(s => s.HeldForReview));
        Assert.Equal(3, stored.Count(s => s.Status == SignatureStatus.Counted));
        Assert.Equal(2, stored.Count(s => s.Status == SignatureStatus.Held));
        Assert.Equal(before + 3, await ApiCountAsync(Demo));
    }

    [Theory, OnEachDatabase]
    public async Task A_form_sent_faster_than_a_person_types_is_flagged_and_still_counts(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var address = NewAddress();
        var quick = new SignatureForm();
        var slow = new SignatureForm();
        var forged = new SignatureForm();

        await SignShowingStampAsync(address, quick, wait: TimeSpan.Zero);
        await SignShowingStampAsync(address, slow, wait: TimeSpan.FromSeconds(3.2)); // over the fixture's three seconds
        using (var signer = SignerBehindProxy(address))
        {
            using var _ = await signer.SignAsync(Demo, forged); // no stamp at all, as a script would post
        }

        var stored = await App.QueryAsync(db => db.Signatures.AsNoTracking()
            .Where(s => s.Email == quick.Email || s.Email == slow.Email || s.Email == forged.Email)
            .ToDictionaryAsync(s => s.Email, s => (s.ReviewFlags, s.Status)));
        Assert.Equal(("too-fast", SignatureStatus.Counted), stored[quick.Email!]);
        Assert.Equal((null, SignatureStatus.Counted), stored[slow.Email!]);
        Assert.Equal(("too-fast", SignatureStatus.Counted), stored[forged.Email!]);
    }

    [Theory, OnEachDatabase]
    public async Task Forwarded_addresses_are_believed_from_the_configured_proxy_only(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var viaProxy = Enumerable.Range(0, 5).Select(_ => new SignatureForm()).ToList();
        foreach (var form in viaProxy)
        {
            using var signer = SignerBehindProxy(NewAddress());
            using var _ = await signer.SignAsync(Demo, form);
        }
        Assert.Equal(0, await HeldAmongAsync(App, viaProxy));

        // The same app without a trusted proxy: invented X-Forwarded-For headers change nothing.
        var settings = new Dictionary<string, string?>(LimitedApp.Limits) { ["Proxy:KnownProxies:0"] = "" };
        await using var direct = Fixture.CreateApp(Fixture.Database, settings: settings).Start();
        var invented = Enumerable.Range(0, 5).Select(_ => new SignatureForm()).ToList();
        foreach (var form in invented)
        {
            using var signer = new Signer(direct);
            signer.Http.DefaultRequestHeaders.Add("X-Forwarded-For", NewAddress());
            using var _ = await signer.SignAsync(Demo, form);
        }
        Assert.Equal(2, await HeldAmongAsync(direct, invented));
    }

    [Theory, OnEachDatabase]
    public async Task The_per_domain_limit_holds_a_small_domain_but_never_the_large_public_providers(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var settings = new Dictionary<string, string?>(LimitedApp.Limits) { ["Abuse:SignaturesPerEmailDomain"] = "3" };
        await using var app = Fixture.CreateApp(Fixture.Database, settings: settings).Start();
        var run = Guid.NewGuid().ToString("N")[..8];
        var small = Enumerable.Range(0, 5).Select(i => new SignatureForm { Email = $"s{i}.{run}@campus-{run}.example" }).ToList();
        var gmail = Enumerable.Range(0, 5).Select(i => new SignatureForm { Email = $"g{i}.{run}@gmail.com" }).ToList();
        foreach (var form in small.Concat(gmail))
        {
            using var signer = new Signer(app);
            signer.Http.DefaultRequestHeaders.Add("X-Forwarded-For", NewAddress());
            using var response = await signer.SignAsync(Demo, form);
            Assert.Equal($"/p/{Demo}/thanks", response.RedirectTarget());
        }
        Assert.Equal(2, await HeldAmongAsync(app, small));
        Assert.Equal(0, await HeldAmongAsync(app, gmail));
    }

    private Signer SignerBehindProxy(string clientAddress)
    {
        var signer = NewSigner();
        signer.Http.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        return signer;
    }

    private async Task SignShowingStampAsync(string address, SignatureForm form, TimeSpan wait)
    {
        using var signer = SignerBehindProxy(address);
        var page = await signer.OpenAsync(Demo);
        var stamp = page.QuerySelector("input[name='Form.ShownAt']")!.GetAttribute("value")!;
        await Task.Delay(wait);
        using var content = new FormUrlEncodedContent(form.Fields()
            .Prepend(new(Signer.TokenField, signer.Token!)).Append(new("Form.ShownAt", stamp)));
        using var response = await signer.PostAsync(Demo, content);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
    }

    private static Task<int> HeldAmongAsync(UndersignedApp app, List<SignatureForm> forms) =>
        app.QueryAsync(db => db.Signatures.CountAsync(s => forms.Select(f => f.Email).Contains(s.Email) && s.HeldForReview));

    private static string NewAddress() =>
        $"198.51.{Random.Shared.Next(0, 256)}.{Random.Shared.Next(1, 255)}";
}

/// <summary>
/// The app behind a reverse proxy on 127.0.0.1, with the abuse limits on and small: three signatures per address,
/// three seconds of form time. Tests give each signer a client address through X-Forwarded-For.
/// </summary>
public class LimitedApp : AppFixture
{
    public static readonly Dictionary<string, string?> Limits = new()
    {
        ["Abuse:Enabled"] = "true",
        ["Abuse:SignaturesPerAddress"] = "3",
        ["Abuse:MinimumFormTime"] = "00:00:03",
        ["Proxy:KnownProxies:0"] = "127.0.0.1",
    };

    protected override IReadOnlyDictionary<string, string?> Settings => Limits;
}
