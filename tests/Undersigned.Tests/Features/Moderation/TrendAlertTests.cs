using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Undersigned.Data;
using Undersigned.Features.Moderation;
using Undersigned.Storage;
using Undersigned.Tests.Email;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Moderation;

/// <summary>
/// Trending alerts: a group of a petition's last hour over its threshold is stored once per hour, shown to those who
/// run the petition, and emailed to the lead's organizers once per group per hour. The thresholds are lowered
/// (domain 30, burst 10, source 40) so a wave is a few dozen rows; each test runs its passes on a clock of its own,
/// days apart from the others, so no pass sees another test's signatures.
/// </summary>
public sealed partial class TrendAlertTests(PerDatabase<TrendMailApp> apps, ITestOutputHelper output)
    : IntegrationTest<TrendMailApp>(apps, output)
{
    private const string Lead = "undersigned-coalition";
    private const string OtherOrganization = "daily-kos";
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(30);

    [Theory, OnEachDatabase]
    public async Task A_wave_from_one_domain_raises_one_alert_and_one_email_per_hour_while_it_lasts(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var t0 = StartOfDay(daysAgo: 3).AddHours(10).AddMinutes(10);
        var (petition, slug) = await AddPetitionAsync(Lead);
        var organizer = await AddStaffAsync(StaffRoles.Organizer, Lead);
        var elsewhere = await AddStaffAsync(StaffRoles.Organizer, OtherOrganization);
        await AddSignaturesAsync(petition, 31, "wave.example", t0.AddMinutes(-20));
        // Not in the last hour, or not signatures that count: none of these may add to the alert's 31.
        await AddSignaturesAsync(petition, 5, "wave.example", t0.AddHours(-2));
        await AddSignaturesAsync(petition, 5, "wave.example", t0.AddMinutes(-10), SignatureStatus.Invalidated);
        await AddSignaturesAsync(petition, 5, "wave.example", t0.AddMinutes(-10), SignatureStatus.Withdrawn);
        // Exactly at the threshold is not over it.
        await AddSignaturesAsync(petition, 30, "calm.example", t0.AddMinutes(-10));

        // Four instances look at once.
        var clock = new SettableClock(t0);
        var passes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PassAsync(clock))));

        Assert.Equal(1, passes.Sum(p => p.Emailed));
        var alert = Assert.Single(await AlertsAsync(petition));
        Assert.Equal((TrendKind.Domain, "wave.example", 31), (alert.Kind, alert.Key, alert.Count));
        Assert.Equal(t0.AddMinutes(-10), alert.Hour);
        Assert.NotNull(alert.EmailedAt);
        await Fixture.Sink.WaitUntilAsync(s => s.To(organizer).Any(), MailWait, "the alert email");
        var email = Fixture.Sink.To(organizer).Single();
        Assert.Equal("31 signatures in an hour from email domain wave.example: Keep the night buses running", email.Subject);
        var expectedLink = $"/admin/petitions/{slug}/invalidate?EmailDomain=wave.example&SignedFrom="
            + t0.AddHours(-1).AddMinutes(-10).ToString("yyyy-MM-dd'T'HH", CultureInfo.InvariantCulture) + "%3A00%3A00Z";
        Assert.Equal(expectedLink, DryRunLink(email.TextBody));
        Assert.Empty(Fixture.Sink.To(elsewhere));

        // Later in the same hour the wave has grown: the count follows, nobody is emailed again.
        await AddSignaturesAsync(petition, 4, "wave.example", t0.AddMinutes(5));
        clock.Now = t0.AddMinutes(10);
        Assert.Equal(new TrendPass(1, 0), await PassAsync(clock));
        alert = Assert.Single(await AlertsAsync(petition));
        Assert.Equal(35, alert.Count);
        var queued = await App.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == TrendAlerting.Kind && m.SubjectId == alert.Id));
        Assert.Equal(await LeadOrganizerCountAsync(), queued);

        // The next hour, still over (the first 31 have left the window, 34 new ones are in it): emailed again.
        await AddSignaturesAsync(petition, 30, "wave.example", t0.AddMinutes(50));
        clock.Now = t0.AddHours(1);
        Assert.Equal(new TrendPass(1, 1), await PassAsync(clock));
        var alerts = await AlertsAsync(petition);
        Assert.Equal([(t0.AddMinutes(-10), 35), (t0.AddMinutes(50), 34)], alerts.Select(a => (a.Hour, a.Count)));
        await Fixture.Sink.WaitUntilAsync(s => s.To(organizer).Count() >= 2, MailWait, "the next hour's alert email");
        Assert.Equal(["31", "34"], Fixture.Sink.To(organizer).Select(m => m.Subject!.Split(' ')[0]).Order());
        Assert.Empty(Fixture.Sink.To(elsewhere));
    }

    [Theory, OnEachDatabase]
    public async Task Volume_from_a_large_shared_provider_or_on_a_closed_petition_raises_no_alert(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var t0 = StartOfDay(daysAgo: 5).AddHours(14);
        var (open, _) = await AddPetitionAsync(Lead);
        var (closed, _) = await AddPetitionAsync(Lead, PetitionStatus.Closed);
        await AddSignaturesAsync(open, 60, "gmail.com", t0.AddMinutes(-30));
        await AddSignaturesAsync(open, 60, "hotmail.com", t0.AddMinutes(-30));
        await AddSignaturesAsync(closed, 60, "wave.example", t0.AddMinutes(-30));
        // The same pass does raise one for a domain nobody shares, so the others are left out, not missed.
        await AddSignaturesAsync(open, 31, "campus.example.edu", t0.AddMinutes(-30));

        var pass = await PassAsync(new SettableClock(t0));

        Assert.Equal(1, pass.Alerts);
        Assert.Equal(["campus.example.edu"], (await AlertsAsync(open)).Select(a => a.Key));
        Assert.Empty(await AlertsAsync(closed));
    }

    [Theory, OnEachDatabase]
    public async Task A_burst_a_source_and_an_overlong_domain_raise_alerts_that_link_to_their_dry_runs_and_paper_raises_none(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var t0 = StartOfDay(daysAgo: 7).AddHours(9).AddMinutes(30);
        var (petition, slug) = await AddPetitionAsync(Lead);
        const string burst = "b7f3a9c2d4e5f601";
        var longDomain = string.Join('.', Enumerable.Repeat(new string('x', 60), 2)) + ".example";
        await AddSignaturesAsync(petition, 11, null, t0.AddMinutes(-15), SignatureStatus.Held, burst: burst);
        await AddSignaturesAsync(petition, 41, null, t0.AddMinutes(-15), source: "partner.newsletter");
        await AddSignaturesAsync(petition, 31, longDomain, t0.AddMinutes(-15));
        // A paper batch imported this hour: many rows of one source, vouched for by staff, so no trend.
        var batch = await App.QueryAsync(async db =>
        {
            var row = new PaperBatch { PetitionId = petition, Description = "Rally", ImportedBy = "organizer@example.org", ImportedAt = t0, Rows = 60 };
            db.PaperBatches.Add(row);
            await db.SaveChangesAsync();
            return row.Id;
        });
        await AddSignaturesAsync(petition, 60, null, t0.AddMinutes(-5), source: "paper", paperBatch: batch);

        await PassAsync(new SettableClock(t0));

        var alerts = await AlertsAsync(petition);
        var pattern = "*" + longDomain[^104..];
        Assert.Equal(
            [(TrendKind.Domain, pattern, 31), (TrendKind.Burst, burst, 11), (TrendKind.Source, "partner.newsletter", 41)],
            alerts.OrderBy(a => a.Kind).Select(a => (a.Kind, a.Key, a.Count)));
        var from = t0.AddHours(-1).ToString("yyyy-MM-dd'T'HH", CultureInfo.InvariantCulture) + "%3A00%3A00Z";
        string Link(TrendKind kind) => alerts.Where(a => a.Kind == kind)
            .Select(a => TrendAlertLinks.InvalidationPath(slug, a.Kind, a.Key, a.RaisedAt)).Single();
        Assert.Equal($"/admin/petitions/{slug}/invalidate?BurstId={burst}", Link(TrendKind.Burst));
        Assert.Equal($"/admin/petitions/{slug}/invalidate?Source=partner.newsletter&SignedFrom={from}", Link(TrendKind.Source));
        Assert.Equal($"/admin/petitions/{slug}/invalidate?EmailPattern={Uri.EscapeDataString(pattern)}&SignedFrom={from}", Link(TrendKind.Domain));
        Assert.StartsWith("EmailPattern=%2A", Link(TrendKind.Domain).Split('?')[1], StringComparison.Ordinal);
    }

    [Theory, OnEachDatabase]
    public async Task The_dashboards_show_an_alert_to_the_leads_organizers_and_not_to_another_organizations(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var now = DateTime.UtcNow;
        var (ours, ourSlug) = await AddPetitionAsync(Lead);
        var (theirs, theirSlug) = await AddPetitionAsync(OtherOrganization);
        await AddSignaturesAsync(ours, 31, "wave.example", now.AddMinutes(-5));
        await AddSignaturesAsync(theirs, 11, null, now.AddMinutes(-5), SignatureStatus.Held, burst: "c0ffee00c0ffee00");
        await PassAsync(new SettableClock(now));
        var raisedAt = (await AlertsAsync(ours)).Single().RaisedAt;
        var ourLink = TrendAlertLinks.InvalidationPath(ourSlug, TrendKind.Domain, "wave.example", raisedAt);
        var theirLink = $"/admin/petitions/{theirSlug}/invalidate?BurstId=c0ffee00c0ffee00";

        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, Lead);
        using var other = await StaffMember.LogInAsync(App, StaffRoles.Organizer, OtherOrganization);

        var home = await organizer.GetPageAsync("/admin");
        var row = AlertRow(home, "domain:wave.example");
        Assert.Contains("Keep the night buses running", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("31", row.QuerySelector("td.number")!.TextContent);
        Assert.Equal(ourLink, row.QuerySelector("a")!.GetAttribute("href"));
        Assert.DoesNotContain(home.QuerySelectorAll(".trend-alerts a"), a => a.GetAttribute("href") == theirLink);
        var dashboard = await organizer.GetPageAsync($"/admin/petitions/{ourSlug}/dashboard");
        Assert.Equal(ourLink, AlertRow(dashboard, "domain:wave.example").QuerySelector("a")!.GetAttribute("href"));

        var theirHome = await other.GetPageAsync("/admin");
        Assert.Equal(theirLink, AlertRow(theirHome, "burst:c0ffee00c0ffee00").QuerySelector("a")!.GetAttribute("href"));
        Assert.DoesNotContain(theirHome.QuerySelectorAll(".trend-alerts a"), a => a.GetAttribute("href") == ourLink);
        using var refused = await other.Http.GetAsync($"/admin/petitions/{ourSlug}/dashboard");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private static AngleSharp.Dom.IElement AlertRow(AngleSharp.Html.Dom.IHtmlDocument page, string alert) =>
        page.QuerySelectorAll(".trend-alerts tr[data-alert]").SingleOrDefault(r => r.GetAttribute("data-alert") == alert)
        ?? throw new Xunit.Sdk.XunitException($"No alert {alert} on the page:\n{page.QuerySelector(".trend-alerts")?.OuterHtml}");

    private async Task<TrendPass> PassAsync(TimeProvider clock)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<TrendAlerting>(scope.ServiceProvider, clock).RaiseAsync(CancellationToken.None);
    }

    private Task<List<TrendAlert>> AlertsAsync(int petitionId) =>
        App.QueryAsync(db => db.TrendAlerts.AsNoTracking().Where(a => a.PetitionId == petitionId).OrderBy(a => a.Hour).ToListAsync());

    private Task<int> LeadOrganizerCountAsync() => App.QueryAsync(db => db.Users.CountAsync(u => u.Organization!.Slug == Lead
        && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == StaffRoles.Organizer))));

    private static DateTime StartOfDay(int daysAgo) => DateTime.UtcNow.Date.AddDays(-daysAgo);

    private static string DryRunLink(string? text)
    {
        var match = DryRunUrl().Match(text ?? "");
        Assert.True(match.Success, $"No dry run link in:\n{text}");
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"https?://[^/\s]+(/admin/petitions/\S+/invalidate\?\S+)")]
    private static partial Regex DryRunUrl();

    private async Task<string> AddStaffAsync(string role, string organization)
    {
        var email = $"{role}.{Guid.NewGuid():N}@staff.example.org";
        await StaffMember.CreateAsync(App, email, role, organization);
        return email;
    }

    private Task<(int Id, string Slug)> AddPetitionAsync(string lead, PetitionStatus status = PetitionStatus.Open) =>
        App.QueryAsync(async db =>
        {
            var slug = $"trends-{Guid.NewGuid():N}"[..24];
            var leadId = await db.Organizations.Where(o => o.Slug == lead).Select(o => o.Id).SingleAsync();
            var petition = new Petition
            {
                Slug = slug, Title = "Keep the night buses running", TargetName = "Transit Board",
                Summary = "Night service.", Body = "Shift workers get home on them.", Goal = 10_000, Status = status,
                CountingPolicy = CountingPolicy.AtOnce, CreatedAt = DateTime.UtcNow.AddDays(-30),
            };
            petition.Sponsorships.Add(new Sponsorship { OrganizationId = leadId, Role = SponsorRole.Lead });
            db.Petitions.Add(petition);
            await db.SaveChangesAsync();
            return (petition.Id, slug);
        });

    /// <summary>Signatures stored as intake would; a null domain gives each signer a domain of their own.</summary>
    private Task<int> AddSignaturesAsync(int petitionId, int count, string? domain, DateTime at,
        SignatureStatus status = SignatureStatus.Counted, string? burst = null, string? source = null, long? paperBatch = null) =>
        App.QueryAsync(async db =>
        {
            for (var i = 0; i < count; i++)
            {
                var id = Guid.NewGuid().ToString("N");
                var email = $"s{i}.{id[..12]}@{domain ?? $"own-{id[..12]}.example"}";
                db.Signatures.Add(new Signature
                {
                    PetitionId = petitionId, FirstName = "Ada", LastName = "Lovelace", Email = email, NormalizedEmail = email,
                    Country = "US", PostalCode = "10001", Locale = "en", CreatedAt = at, Status = status, BurstId = burst,
                    HoldReason = burst is null ? null : HoldReason.Address, Source = source, PaperBatchId = paperBatch,
                });
            }
            return await db.SaveChangesAsync();
        });

    private sealed class SettableClock(DateTime now) : TimeProvider
    {
        public DateTime Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(Now, DateTimeKind.Utc));
    }
}

/// <summary>The mail app with low thresholds and its trend watcher asleep, so that a test decides when passes run.</summary>
public class TrendMailApp : MailAppFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(SettingsFor(Sink))
    {
        ["Moderation:Trends:Interval"] = "01:00:00",
        ["Moderation:Trends:DomainPerHour"] = "30",
        ["Moderation:Trends:BurstPerHour"] = "10",
        ["Moderation:Trends:SourcePerHour"] = "40",
    };
}
