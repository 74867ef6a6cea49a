using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Undersigned.Data;
using Undersigned.Features.Delivery;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Delivery;

/// <summary>
/// The delivery package as organizers and the target get it: the PDF read back, the CSV parsed, who may download
/// it, and marking a petition delivered (once, never a draft).
/// </summary>
public sealed class DeliveryTests(PerDatabase<AppFixture> apps, ITestOutputHelper output)
    : IntegrationTest(apps, output)
{
    [Theory, OnEachDatabase]
    public async Task The_pdf_holds_the_count_the_names_and_the_totals_of_counted_signers_only(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var scenario = await DeliveryScenario.CreateAsync(App, PetitionStatus.Open, DeliveryScenario.Mixed);
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, DeliveryScenario.Lead);

        using var response = await organizer.Http.GetAsync($"{scenario.Page}/package.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var (_, lines) = PdfText.Read(await response.Content.ReadAsByteArrayAsync());
        var text = string.Join('\n', lines);
        Output.WriteLine(text);
        Assert.Contains("4 people have signed this petition.", text, StringComparison.Ordinal);
        Assert.Contains("To: Ralph Clark, CEO", lines);
        Assert.Contains("Delivered by Stop ShotSpotter Coalition", text, StringComparison.Ordinal);
        Assert.Contains("Daily Kos", text, StringComparison.Ordinal);
        Assert.Contains("We ask you to stop.", text, StringComparison.Ordinal);
        Assert.Contains("Signers (4)", lines);
        foreach (var name in new[] { "Grace Hopper", "Ida Wells", "Jane Addams", "Mary Seacole" })
        {
            Assert.Single(lines, l => l.StartsWith(name, StringComparison.Ordinal));
        }
        Assert.Contains(lines, l => l.StartsWith("Grace Hopper 606xx, IL United States Sensors are not safety.", StringComparison.Ordinal));
        Assert.Contains("United States 3", lines);
        Assert.Contains("United Kingdom 1", lines);
        Assert.Contains("Total 4", lines);
        Assert.Contains("Illinois 2", lines);
        Assert.Contains("New York 1", lines);
        foreach (var absent in new[] { "Pendleton", "Heldon", "Withdrew", "60603", "60605", "@" })
        {
            Assert.DoesNotContain(absent, text, StringComparison.Ordinal);
        }
    }

    /// <summary>Signers in their own scripts: one name all right-to-left (Arabic, then Hebrew), one that mixes directions.</summary>
    private static readonly DeliveryScenario.Signer[] World =
    [
        new("Grace", "Hopper", "60601", "US", Comment: "Sensors are not safety."),
        new("Анна", "Каренина", null, "UA", Comment: "Наши улицы не для слежки."),
        new("Ελένη", "Παππά", null, "GR", Comment: "Όχι στην παρακολούθηση."),
        new("漢字", "テスト", null, "JP", Comment: "監視をやめてください。"),
        new("مرحبا", "עברית", null, "IL", Comment: "أوقفوا المراقبة الآن"),
        new("नमस्ते", "दुनिया", null, "IN", Comment: "निगरानी बंद करो"),
        new("Zoë", "😀 👩‍👩‍👧", null, "FR", Comment: "Solidarité 🇫🇷 ❤️"),
        new("Sara", "כהן", null, "IL", Comment: "Stop them: עצרו את החיישנים 2024"),
    ];

    /// <summary>
    /// The text is read as PdfText describes (right-to-left runs in the order they were typed, Arabic folded to its
    /// letters), and the page is painted by Poppler: each signer's name cell has ink, and no font shows its .notdef box.
    /// </summary>
    [Theory, OnEachDatabase]
    public async Task Names_and_comments_in_every_script_are_in_the_pdf_in_the_order_they_were_typed(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var scenario = await DeliveryScenario.CreateAsync(App, PetitionStatus.Open, World);
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, DeliveryScenario.Lead);

        using var response = await organizer.Http.GetAsync($"{scenario.Page}/package.pdf");

        var pdf = await response.Content.ReadAsByteArrayAsync();
        var (_, lines) = PdfText.Read(pdf);
        Output.WriteLine(string.Join('\n', lines));
        foreach (var signer in World)
        {
            var name = $"{signer.FirstName} {signer.LastName}";
            Assert.Contains(lines, l => l.StartsWith($"{name} ", StringComparison.Ordinal)
                && l.EndsWith($" {signer.Comment}", StringComparison.Ordinal));
        }
        Assert.Equal(0, PdfGlyphs.NotdefShown(pdf));
        using var page = PdfGlyphs.Render(pdf, 3);
        var rows = PdfGlyphs.Letters(pdf, 3) // the baselines of the country column, below its header
            .Where(l => l.BoundingBox.Left is >= 294 and < 374 && l.StartBaseLine.Y > 72)
            .Select(l => Math.Round(l.StartBaseLine.Y)).Distinct().OrderDescending().Skip(1).ToList();
        Assert.Equal(World.Length, rows.Count);
        Assert.All(rows, baseline => Assert.True(PdfGlyphs.Ink(page, 54, 188, baseline - 3, baseline + 8) > 20,
            $"no name drawn on the row at {baseline}"));
    }

    [Theory, OnEachDatabase]
    public async Task A_long_list_runs_over_many_pages_with_every_signer_once(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var many = Enumerable.Range(1, 300).Select(i => new DeliveryScenario.Signer($"Signer{i:D3}", "Many", "94110", "US",
            Comment: i % 10 == 0 ? string.Join(' ', Enumerable.Repeat("a comment long enough to wrap onto more lines", 8)) : null));
        var scenario = await DeliveryScenario.CreateAsync(App, PetitionStatus.Closed, many);
        using var admin = await StaffMember.LogInAsync(App, StaffRoles.Admin);

        using var response = await admin.Http.GetAsync($"{scenario.Page}/package.pdf");

        var (pages, lines) = PdfText.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.True(pages > 5, $"300 signers fit on {pages} pages");
        var names = lines.Where(l => l.StartsWith("Signer", StringComparison.Ordinal) && !l.StartsWith("Signers", StringComparison.Ordinal))
            .Select(l => l.Split(' ')[0]).ToList();
        Assert.Equal(Enumerable.Range(1, 300).Select(i => $"Signer{i:D3}"), names);
        Assert.Contains("California 300", lines);
    }

    [Theory, OnEachDatabase]
    public async Task The_csv_lists_counted_signers_only_and_neutralizes_formulas(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var signers = DeliveryScenario.Mixed.Append(new("=cmd|' /C calc'!A0", "@SUM(1+1)", "60606", "US", Comment: "+1 234 and -5"));
        var scenario = await DeliveryScenario.CreateAsync(App, PetitionStatus.Open, signers);
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, DeliveryScenario.Lead);

        using var response = await organizer.Http.GetAsync($"{scenario.Page}/signers.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var rows = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("first_name,last_name,place,country,comment", rows[0]);
        Assert.Equal(6, rows.Length);
        Assert.Contains("Grace,Hopper,\"606xx, IL\",US,Sensors are not safety.", rows);
        Assert.Contains("Mary,Seacole,SW1A,GB,Solidarity from London.", rows);
        Assert.Contains("\"'=cmd|' /C calc'!A0\",\"'@SUM(1+1)\",\"606xx, IL\",US,\"'+1 234 and -5\"", rows);
        foreach (var absent in new[] { "Pendleton", "Heldon", "Withdrew", "@example.org" })
        {
            Assert.DoesNotContain(rows, r => r.Contains(absent, StringComparison.Ordinal));
        }
    }

    [Theory, OnEachDatabase]
    public async Task Delivering_a_draft_is_refused_and_changes_nothing(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var scenario = await DeliveryScenario.CreateAsync(App, PetitionStatus.Draft, DeliveryScenario.Mixed);
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, DeliveryScenario.Lead);
        // The page offers no delivery form for a draft; a request made by hand is refused all the same.
        using var response = await organizer.PostWithTokenBorrowedFromAsync(scenario.Page, scenario.Page,
            [new("Note", "Handed over at the shareholder meeting."), new("EmailTarget", "true")]);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var page = Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("still a draft", page.QuerySelector(".field-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Handed over at the shareholder meeting.", page.QuerySelector("textarea[name=Note]")?.TextContent);
        var stored = await App.QueryAsync(db => db.Petitions.AsNoTracking().SingleAsync(p => p.Id == scenario.PetitionId));
        Assert.Equal(PetitionStatus.Draft, stored.Status);
        Assert.Null(stored.DeliveredAt);
        Assert.Null(stored.DeliveryNote);
        Assert.Equal(0, await OutboxRowsAsync(scenario));
    }

    [Theory, OnEachDatabase]
    public async Task Delivering_shows_the_date_and_note_publicly_emails_the_target_once_and_a_second_time_changes_nothing(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var scenario = await DeliveryScenario.CreateAsync(App, PetitionStatus.Closed, DeliveryScenario.Mixed);
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, DeliveryScenario.Lead);
        var form = await DeliveryFormAsync(organizer, scenario, "Handed to the CEO in Fremont, with 4 signatures.", emailTarget: true);

        using var delivered = await form.SubmitAsync();

        Assert.Equal(HttpStatusCode.Redirect, delivered.StatusCode);
        var page = await GetPageAsync($"/p/{scenario.Slug}");
        Assert.StartsWith("Delivered on ", page.QuerySelector(".delivered h2")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Handed to the CEO in Fremont, with 4 signatures.", page.QuerySelector(".delivery-note")?.TextContent);
        using (var client = App.CreateHttpClient())
        {
            using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/petitions/{scenario.Slug}"));
            Assert.Equal("delivered", json.RootElement.GetProperty("status").GetString());
            Assert.Equal("Handed to the CEO in Fremont, with 4 signatures.", json.RootElement.GetProperty("deliveryNote").GetString());
            Assert.Equal(JsonValueKind.String, json.RootElement.GetProperty("deliveredAt").ValueKind);
        }
        var mail = await MailToAsync(scenario.TargetEmail);
        Assert.Contains("4 people have signed", mail.Text, StringComparison.Ordinal);
        var pdfLink = mail.Text.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("PDF: ", StringComparison.Ordinal))[5..];
        using (var target = App.CreateHttpClient())
        {
            using var pdf = await target.GetAsync(new Uri(pdfLink).PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
            Assert.Contains("Signers (4)", PdfText.Read(await pdf.Content.ReadAsByteArrayAsync()).Lines);
        }

        var first = await App.QueryAsync(db => db.Petitions.AsNoTracking().SingleAsync(p => p.Id == scenario.PetitionId));
        // The same form, still open in another tab, sent again with another note.
        using var twice = await form.Set("Note", "A different note").SubmitAsync();

        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("already delivered", Parse(await twice.Content.ReadAsStringAsync()).QuerySelector(".field-error")?.TextContent,
            StringComparison.Ordinal);
        var second = await App.QueryAsync(db => db.Petitions.AsNoTracking().SingleAsync(p => p.Id == scenario.PetitionId));
        Assert.Equal((first.DeliveredAt, first.DeliveryNote), (second.DeliveredAt, second.DeliveryNote));
        Assert.Equal(1, await OutboxRowsAsync(scenario));
    }

    [Theory, OnEachDatabase]
    public async Task A_note_is_required(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var scenario = await DeliveryScenario.CreateAsync(App, PetitionStatus.Open, DeliveryScenario.Mixed);
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, DeliveryScenario.Lead);
        var form = await DeliveryFormAsync(organizer, scenario, "   ", emailTarget: false);

        using var response = await form.SubmitAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var stored = await App.QueryAsync(db => db.Petitions.AsNoTracking().SingleAsync(p => p.Id == scenario.PetitionId));
        Assert.Equal(PetitionStatus.Open, stored.Status);
    }

    [Theory]
    [OnEachDatabase(StaffRoles.Organizer, "daily-kos")]
    [OnEachDatabase(StaffRoles.Partner, DeliveryScenario.Lead)]
    public async Task Staff_without_the_right_get_403_on_the_page_and_the_files(DatabaseProvider provider, string role, string organization)
    {
        await UseAsync(provider);

        var scenario = await DeliveryScenario.CreateAsync(App, PetitionStatus.Open, DeliveryScenario.Mixed);
        using var member = await StaffMember.LogInAsync(App, role, organization);

        foreach (var path in new[] { scenario.Page, $"{scenario.Page}/package.pdf", $"{scenario.Page}/signers.csv" })
        {
            using var response = await member.Http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path}: {(int)response.StatusCode}");
        }
        // Antiforgery tokens belong to the user, not the page: one from a page this member may open is valid here.
        using var post = await member.PostWithTokenBorrowedFromAsync("/account/two-factor", scenario.Page, [new("Note", "Not mine to deliver")]);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        var stored = await App.QueryAsync(db => db.Petitions.AsNoTracking().SingleAsync(p => p.Id == scenario.PetitionId));
        Assert.Equal(PetitionStatus.Open, stored.Status);
    }

    [Theory, OnEachDatabase]
    public async Task A_visitor_is_sent_to_log_in_and_an_unknown_petition_is_404(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var scenario = await DeliveryScenario.CreateAsync(App, PetitionStatus.Open, DeliveryScenario.Mixed);
        using var visitor = StaffMember.Anonymous(App);
        using var admin = await StaffMember.LogInAsync(App, StaffRoles.Admin);

        foreach (var path in new[] { scenario.Page, $"{scenario.Page}/package.pdf", $"{scenario.Page}/signers.csv" })
        {
            using var anonymous = await visitor.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.StartsWith("/login", anonymous.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
            using var unknown = await admin.Http.GetAsync(path.Replace(scenario.Slug, "no-such-petition", StringComparison.Ordinal));
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }
    }

    [Theory, OnEachDatabase]
    public async Task A_forged_target_link_is_404_and_an_expired_one_410(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var scenario = await DeliveryScenario.CreateAsync(App, PetitionStatus.Delivered, DeliveryScenario.Mixed);
        var services = App.Services;
        var (good, _) = services.GetRequiredService<TargetLinks>().Create(scenario.PetitionId);
        var (old, _) = new TargetLinks(services.GetRequiredService<IDataProtectionProvider>(),
            new LongAgo(), services.GetRequiredService<IConfiguration>()).Create(scenario.PetitionId);
        using var target = App.CreateHttpClient();

        using var valid = await target.GetAsync($"/delivery/{good}/signers.csv");
        using var forged = await target.GetAsync($"/delivery/{good[..^4]}AAAA/signers.csv");
        using var garbage = await target.GetAsync("/delivery/not-a-link/package.pdf");
        using var expired = await target.GetAsync($"/delivery/{old}/package.pdf");

        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Contains("Grace,Hopper", await valid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, garbage.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
    }

    [Theory, OnEachDatabase]
    public async Task The_target_link_serves_the_package_built_once_until_a_new_signature_counts(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var scenario = await DeliveryScenario.CreateAsync(App, PetitionStatus.Open, DeliveryScenario.Mixed, CountingPolicy.AtOnce);
        var (token, _) = App.Services.GetRequiredService<TargetLinks>().Create(scenario.PetitionId);
        var cache = App.Services.GetRequiredService<PackageCache>();
        using var target = App.CreateHttpClient();

        var before = cache.Builds;
        var firstPdf = await target.GetByteArrayAsync($"/delivery/{token}/package.pdf");
        var firstCsv = await target.GetByteArrayAsync($"/delivery/{token}/signers.csv");
        var againPdf = await target.GetByteArrayAsync($"/delivery/{token}/package.pdf");
        var againCsv = await target.GetByteArrayAsync($"/delivery/{token}/signers.csv");

        Assert.Equal(2, cache.Builds - before);
        Assert.Equal(firstPdf, againPdf);
        Assert.Equal(firstCsv, againCsv);

        using var signer = new Signer(App);
        using var signed = await signer.SignAsync(scenario.Slug, new SignatureForm { FirstName = "Fannie", LastName = "Hamer" });
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        var newPdf = await target.GetByteArrayAsync($"/delivery/{token}/package.pdf");
        var newCsv = await target.GetStringAsync($"/delivery/{token}/signers.csv");

        Assert.Equal(4, cache.Builds - before);
        var lines = PdfText.Read(newPdf).Lines;
        Assert.Contains("Signers (5)", lines);
        Assert.Contains(lines, l => l.StartsWith("Fannie Hamer ", StringComparison.Ordinal));
        Assert.Contains("Fannie,Hamer,", newCsv, StringComparison.Ordinal);
        Assert.DoesNotContain(PdfText.Read(firstPdf).Lines, l => l.StartsWith("Fannie", StringComparison.Ordinal));
    }

    [Theory, OnEachDatabase]
    public async Task The_sign_form_tells_signers_beside_the_comment_box_what_the_target_receives(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var scenario = await DeliveryScenario.CreateAsync(App, PetitionStatus.Open, DeliveryScenario.Mixed);

        foreach (var (query, hint) in new[]
        {
            ("", "The petition's target receives each signer's name, area and comment."),
            ("?culture=es", "El destinatario de la petición recibe el nombre, la zona y el comentario de cada firmante."),
        })
        {
            var page = await GetPageAsync($"/p/{scenario.Slug}{query}");
            var comment = page.QuerySelectorAll("form textarea").Single();
            var described = comment.GetAttribute("aria-describedby")!.Split(' ').Select(id => page.GetElementById(id)?.TextContent);
            Assert.Contains(hint, described);
        }
    }

    /// <summary>The delivery page's form with the note typed in and the target's box ticked or not.</summary>
    private static async Task<PageForm> DeliveryFormAsync(StaffMember organizer, DeliveryScenario scenario, string note, bool emailTarget)
    {
        var form = (await organizer.FormAsync(scenario.Page, "Mark as delivered")).Set("Note", note);
        return emailTarget ? form.Check("EmailTarget") : form.Uncheck("EmailTarget");
    }

    private Task<int> OutboxRowsAsync(DeliveryScenario scenario) => App.QueryAsync(db =>
        db.OutboxMessages.CountAsync(m => m.Kind == DeliverPetition.EmailKind && m.SubjectId == scenario.PetitionId));

    private async Task<DevMailMessage> MailToAsync(string address)
    {
        for (var waited = 0; waited < 200; waited++)
        {
            var mail = await App.QueryAsync(db => db.DevMailMessages.AsNoTracking().FirstOrDefaultAsync(m => m.To.Contains(address)));
            if (mail is not null)
            {
                return mail;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No email reached {address} within 20 s.");
    }

    /// <summary>A clock a year back: links it makes have expired by now.</summary>
    private sealed class LongAgo : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow.AddYears(-1);
    }
}
