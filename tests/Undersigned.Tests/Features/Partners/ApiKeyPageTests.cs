using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Partners;

/// <summary>The keys page: a key is shown once and stored only as a hash; forms need their token; others are refused.</summary>
public sealed class ApiKeyPageTests(PerDatabase<AppFixture> apps, ITestOutputHelper output)
    : IntegrationTest(apps, output)
{
    private Task<List<ApiKey>> KeysOfAsync(string org) => App.QueryAsync(db =>
        db.ApiKeys.Where(k => db.Organizations.Any(o => o.Id == k.OrganizationId && o.Slug == org)).ToListAsync());

    [Theory, OnEachDatabase]
    public async Task A_new_key_is_shown_once_and_only_its_hash_is_stored(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var partner = await StaffMember.LogInAsync(App, StaffRoles.Partner, Coalition.OtherPartner);
        var warnings = Fixture.Log.Warnings.Count;

        var key = await PartnerKeys.CreateAsync(partner, Coalition.OtherPartner, "Shown once");

        Assert.Empty(Fixture.Log.Warnings.Skip(warnings)); // the page with the key is no-store, with nothing to overwrite
        Assert.Matches("^usk_[a-z2-9]{10}_[A-Za-z0-9_-]{43}$", key);
        var stored = Assert.Single(await KeysOfAsync(Coalition.OtherPartner), k => k.Name == "Shown once");
        Assert.Equal(key.Substring(4, 10), stored.Prefix);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(key)), stored.SecretHash);
        Assert.Equal(partner.Email, stored.CreatedBy);
        var secret = key[15..];
        Assert.DoesNotContain(secret, Convert.ToBase64String(stored.SecretHash), StringComparison.Ordinal);
        using var again = await partner.Http.GetAsync(PartnerKeys.Page(Coalition.OtherPartner));
        var listing = await again.Content.ReadAsStringAsync();
        Assert.Contains($"usk_{stored.Prefix}_", listing, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listing, StringComparison.Ordinal);
    }

    [Theory, OnEachDatabase]
    public async Task A_key_without_a_name_gets_the_form_again_with_the_error_and_nothing_stored(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var partner = await StaffMember.LogInAsync(App, StaffRoles.Partner, Coalition.OtherPartner);
        var before = (await KeysOfAsync(Coalition.OtherPartner)).Count;

        var form = await partner.FormAsync(PartnerKeys.Page(Coalition.OtherPartner), PartnerKeys.CreateButton);
        using var response = await form.Set("Name", "  ").SubmitAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ReadPageAsync();
        Assert.NotNull(page.QuerySelector(".field-error"));
        Assert.Null(page.QuerySelector(".new-key"));
        Assert.Equal(before, (await KeysOfAsync(Coalition.OtherPartner)).Count);
    }

    [Theory, OnEachDatabase]
    public async Task Creating_or_revoking_without_the_forms_token_is_400_and_changes_nothing(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var partner = await StaffMember.LogInAsync(App, StaffRoles.Partner, Coalition.Partner);
        await PartnerKeys.CreateAsync(partner, Coalition.Partner, "Kept");
        var before = await KeysOfAsync(Coalition.Partner);
        var kept = before.Single(k => k.Name == "Kept");

        using var create = await partner.Http.PostAsync($"{PartnerKeys.Page(Coalition.Partner)}?handler=Create",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = "Forged" }));
        using var revoke = await partner.Http.PostAsync($"{PartnerKeys.Page(Coalition.Partner)}?handler=Revoke&id={kept.Id}",
            new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, revoke.StatusCode);
        var after = await KeysOfAsync(Coalition.Partner);
        Assert.Equal(before.Count, after.Count);
        Assert.Null(after.Single(k => k.Id == kept.Id).RevokedAt);
    }

    [Theory, OnEachDatabase]
    public async Task A_partner_cannot_see_create_or_revoke_another_organizations_keys(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var owner = await StaffMember.LogInAsync(App, StaffRoles.Partner, Coalition.Partner);
        await PartnerKeys.CreateAsync(owner, Coalition.Partner, "Theirs");
        var theirs = (await KeysOfAsync(Coalition.Partner)).First(k => k.Name == "Theirs");
        using var intruder = await StaffMember.LogInAsync(App, StaffRoles.Partner, Coalition.OtherPartner);
        // The intruder's own keys page gives them a valid token; the owner's forms they cannot open.
        var own = PartnerKeys.Page(Coalition.OtherPartner);

        using var view = await intruder.Http.GetAsync(PartnerKeys.Page(Coalition.Partner));
        using var create = await intruder.PostWithTokenBorrowedFromAsync(own, $"{PartnerKeys.Page(Coalition.Partner)}?handler=Create",
            [new("Name", "Planted")]);
        using var revokeThere = await intruder.PostWithTokenBorrowedFromAsync(own, $"{PartnerKeys.Page(Coalition.Partner)}?handler=Revoke&id={theirs.Id}", []);
        using var revokeHere = await intruder.PostWithTokenBorrowedFromAsync(own, $"{PartnerKeys.Page(Coalition.OtherPartner)}?handler=Revoke&id={theirs.Id}", []);

        Assert.Equal(HttpStatusCode.Forbidden, view.StatusCode);
        Assert.DoesNotContain("Theirs", await view.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, revokeThere.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, revokeHere.StatusCode);
        Assert.DoesNotContain(await KeysOfAsync(Coalition.Partner), k => k.Name == "Planted");
        Assert.Null((await KeysOfAsync(Coalition.Partner)).Single(k => k.Id == theirs.Id).RevokedAt);
    }
}
