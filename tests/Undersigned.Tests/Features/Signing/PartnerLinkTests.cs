using System.Net;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Signing;

/// <summary>
/// Partner links and the share box: a signature credits the organization whose link brought the signer, and an
/// organization gets a signer's name and email only when that signer ticked its box, in words that are kept.
/// </summary>
public sealed class PartnerLinkTests(PerDatabase<AppFixture> apps, ITestOutputHelper output)
    : IntegrationTest(apps, output)
{
    [Theory, OnEachDatabase]
    public async Task A_partner_link_credits_the_partner_and_a_ticked_box_records_the_exact_consent(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var signer = NewSigner();
        var form = new SignatureForm();

        using var response = await signer.SignOnPageAsync($"/p/{Demo}?source=daily-kos.newsletter", form, "daily-kos");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (signature, consents, optIns) = await StoredWithConsentsAsync(form.Email!);
        Assert.Equal("daily-kos.newsletter", signature.Source);
        Assert.Equal(await OrganizationIdAsync("daily-kos"), signature.SourceOrganizationId);
        var consent = Assert.Single(consents);
        Assert.Equal(ConsentAction.Granted, consent.Action);
        Assert.Equal("Share my name and email with Daily Kos", consent.Wording);
        Assert.Equal("partner-share/1", consent.WordingVersion);
        Assert.Equal($"/p/{Demo}?source=daily-kos.newsletter", consent.Page);
        Assert.Equal("en", consent.Locale);
        Assert.Equal(signature.SourceOrganizationId, Assert.Single(optIns).OrganizationId);
    }

    [Theory, OnEachDatabase]
    public async Task The_box_is_unticked_by_default_and_an_unticked_box_shares_nothing(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var signer = NewSigner();
        var page = await signer.OpenAsync($"/p/{Demo}?source=daily-kos");
        var box = Assert.Single(page.QuerySelectorAll("form.sign-form input[name='Form.ShareWith']"));
        Assert.Equal("daily-kos", box.GetAttribute("value"));
        Assert.False(box.HasAttribute("checked"));
        var form = new SignatureForm();

        using var response = await signer.SubmitAsync(page, $"/p/{Demo}?source=daily-kos", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (signature, consents, optIns) = await StoredWithConsentsAsync(form.Email!);
        Assert.Equal("daily-kos", signature.Source);
        Assert.Empty(consents);
        Assert.Empty(optIns);
    }

    [Theory, OnEachDatabase]
    public async Task The_link_and_the_ticked_box_survive_a_form_sent_back_with_errors(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var signer = NewSigner();
        var page = $"/p/{Demo}?source=mpower-change.sms";
        var form = new SignatureForm();

        using var rejected = await signer.SignOnPageAsync(page, form with { FirstName = "" }, "mpower-change");
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        var again = Parse(await rejected.Content.ReadAsStringAsync());
        Assert.Equal("mpower-change.sms", again.QuerySelector("input[name='Form.Source']")?.GetAttribute("value"));
        Assert.True(again.QuerySelector("input[name='Form.ShareWith'][value='mpower-change']")?.HasAttribute("checked"));
        using var accepted = await signer.SubmitAsync(again, page, form, "mpower-change");

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var (signature, consents, _) = await StoredWithConsentsAsync(form.Email!);
        Assert.Equal("mpower-change.sms", signature.Source);
        Assert.Single(consents);
    }

    [Theory, OnEachDatabase]
    public async Task Without_a_link_the_box_offered_is_the_lead_organizations(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var signer = NewSigner();

        var page = await signer.OpenAsync(Demo);

        var box = Assert.Single(page.QuerySelectorAll("form.sign-form input[name='Form.ShareWith']"));
        Assert.Equal("undersigned-coalition", box.GetAttribute("value"));
        Assert.Null(page.QuerySelector("input[name='Form.Source']"));
    }

    [Theory]
    [OnEachDatabase("no-such-org", null)]
    [OnEachDatabase("<script>alert(1)</script>", null)]
    [OnEachDatabase("daily-kos.<b>x</b>", "daily-kos")]
    [OnEachDatabase("daily-kos.a.b", "daily-kos")]
    [OnEachDatabase("DAILY-KOS.Email", "daily-kos.email")]
    [OnEachDatabase("daily-kos.this-sub-code-is-far-too-long-to-be-a-real-sub-code", "daily-kos")]
    public async Task A_malformed_or_unknown_link_never_turns_a_signer_away(DatabaseProvider provider, string source, string? stored)
    {
        await UseAsync(provider);

        using var signer = NewSigner();
        var form = new SignatureForm();

        using var response = await signer.SignOnPageAsync($"/p/{Demo}?source={Uri.EscapeDataString(source)}", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (signature, _, _) = await StoredWithConsentsAsync(form.Email!);
        Assert.Equal(stored, signature.Source);
    }

    [Theory, OnEachDatabase]
    public async Task A_forged_share_field_for_an_organization_not_offered_gives_it_nothing(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var signer = NewSigner();
        var page = await signer.OpenAsync($"/p/{Demo}?source=daily-kos");
        var form = new SignatureForm();
        var token = page.QuerySelector($"input[name={Signer.TokenField}]")!.GetAttribute("value")!;

        using var response = await signer.PostAsync(Demo, new FormUrlEncodedContent(form.Fields()
            .Append(new(Signer.TokenField, token)).Append(new("Form.Source", "daily-kos"))
            .Append(new("Form.ShareWith", "fight-for-the-future")).Append(new("Form.ShareWith", "no-such-org"))));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, consents, optIns) = await StoredWithConsentsAsync(form.Email!);
        Assert.Empty(consents);
        Assert.Empty(optIns);
    }

    [Theory, OnEachDatabase]
    public async Task Signing_again_with_someones_address_cannot_share_them_with_a_partner(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var form = new SignatureForm();
        using (var first = NewSigner())
        {
            using var signed = await first.SignOnPageAsync(Demo, form);
            Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        }
        using var other = NewSigner();

        using var again = await other.SignOnPageAsync($"/p/{Demo}?source=daily-kos", form, "daily-kos");

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var (signature, consents, optIns) = await StoredWithConsentsAsync(form.Email!);
        Assert.Null(signature.Source);
        Assert.Empty(consents);
        Assert.Empty(optIns);
    }

    [Theory, OnEachDatabase]
    public async Task The_consent_is_kept_in_the_words_the_signer_read_in_their_language(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var signer = NewSigner();
        var form = new SignatureForm();

        using var response = await signer.SignOnPageAsync($"/p/{Demo}?source=daily-kos&culture=es", form, "daily-kos");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var consent = Assert.Single((await StoredWithConsentsAsync(form.Email!)).Consents);
        Assert.Equal("Compartir mi nombre y mi correo electrónico con Daily Kos", consent.Wording);
        Assert.Equal("es", consent.Locale);
    }

    private Task<int> OrganizationIdAsync(string slug) =>
        App.QueryAsync(db => db.Organizations.Where(o => o.Slug == slug).Select(o => o.Id).SingleAsync());

    private Task<(Signature Signature, List<ConsentRecord> Consents, List<PartnerOptIn> OptIns)> StoredWithConsentsAsync(string email) =>
        App.QueryAsync(async db =>
        {
            var signature = await db.Signatures.AsNoTracking().SingleAsync(s => s.Email == email);
            return (signature,
                await db.ConsentRecords.AsNoTracking().Where(c => c.SignatureId == signature.Id).ToListAsync(),
                await db.PartnerOptIns.AsNoTracking().Where(o => o.SignatureId == signature.Id).ToListAsync());
        });
}
