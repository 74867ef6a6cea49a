using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Storage;
using Undersigned.Tests.Features.Moderation;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Paper;

/// <summary>
/// Sheets nobody should import: each gets a clear error (beside the file field, or per row in the preview) and
/// nothing is imported, nor staged when the file itself is wrong.
/// </summary>
public sealed class HostileSheetTests(PerDatabase<ModerationApp> apps, ITestOutputHelper output) : PaperTest(apps, output)
{
    private const string Header = "first_name,last_name,postal_code,country,email";

    private static (byte[] Bytes, string Says) File(string kind) => kind switch
    {
        "not-utf8" => ([.. Encoding.ASCII.GetBytes(Header + "\r\nJos"), 0xE9, .. Encoding.ASCII.GetBytes(",Mart\xED,60601,US,\r\n")], "not UTF-8"),
        "too-big" => (Sheet([Header, .. Enumerable.Repeat("Ada,Lovelace,60601,US,", 10 * 1024 * 1024 / 24 + 100)]), "larger than 10 MB"),
        "wrong-columns" => (Sheet("name,zip", "Ada Lovelace,60601"), "does not know"),
        "unknown-partner" => (Sheet(Header + ",share_nobody", "Ada,Lovelace,60601,US,,yes"), "names no sponsor"),
        "broken-quotes" => (Sheet(Header, "\"Ada,Lovelace,60601,US,"), "broken quoting"),
        "binary" => ([.. Encoding.ASCII.GetBytes(Header + "\r\n"), 0x00, 0x01, 0x02], "binary"),
        "empty" => ([], "Choose the CSV file"),
        _ => (Sheet("Ada,Lovelace,60601,US,"), "does not know"),
    };

    [Theory]
    [OnEachDatabase("not-utf8")]
    [OnEachDatabase("too-big")]
    [OnEachDatabase("wrong-columns")]
    [OnEachDatabase("unknown-partner")]
    [OnEachDatabase("broken-quotes")]
    [OnEachDatabase("binary")]
    [OnEachDatabase("empty")]
    [OnEachDatabase("no-header")]
    public async Task A_file_that_is_not_a_sheet_comes_back_with_the_error_beside_the_field_and_nothing_staged(DatabaseProvider provider, string kind)
    {
        await UseAsync(provider);
        var (slug, id) = await AddPetitionWithPartnerAsync();
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, Lead);
        var (bytes, says) = File(kind);

        using var refused = await UploadAsync(organizer, slug, bytes, "Rally");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await refused.ReadPageAsync();
        Assert.Contains(says, page.QuerySelector("#Sheet-error")?.TextContent ?? "(no error beside the file field)");
        Assert.Equal("Rally", page.QuerySelector("input#Description")!.GetAttribute("value"));
        Assert.False(await App.QueryAsync(db => db.PaperBatches.AnyAsync(b => b.PetitionId == id)));
    }

    [Theory, OnEachDatabase]
    public async Task Rows_with_formulas_markup_or_bad_values_are_shown_per_line_and_the_batch_cannot_be_imported(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var (slug, id) = await AddPetitionWithPartnerAsync();
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, Lead);
        var batchPage = await StageAsync(organizer, slug, Sheet(
            "first_name,last_name,postal_code,country,email,may_email",
            "Ada,Lovelace,60601,US,ada@example.org,yes",
            "\"=HYPERLINK(\"\"http://evil.example\"\")\",Lovelace,60601,US,,no",
            "Grace,<script>alert(1)</script>,60601,US,,no",
            "Katherine,Johnson,6060,US,,no",
            "Dorothy,Vaughan,60601,XX,,no",
            "Mary,Jackson,60601,US,not-an-address,no",
            "Annie,Easley,60601,US,,maybe",
            "Evelyn,Boyd,60601,US,,yes",
            "Joan\u202E,Clarke,60601,US,,no"));

        var preview = await organizer.GetPageAsync(batchPage);

        Assert.Equal("8", preview.QuerySelector("[data-figure=errors]")!.TextContent);
        string Says(int line) => preview.QuerySelector($"tr[data-line='{line}'] td:last-child")?.TextContent ?? $"(line {line} not shown)";
        Assert.Contains("formula", Says(3));
        Assert.Contains("< or >", Says(4));
        Assert.Contains("ZIP", Says(5));
        Assert.Contains("country", Says(6));
        Assert.Contains("email", Says(7));
        Assert.Contains("yes or no", Says(8));
        Assert.Contains("no email address", Says(9));
        Assert.Contains("direction", Says(10));
        Assert.DoesNotContain("<script>", preview.Body!.InnerHtml, StringComparison.Ordinal); // shown as text, never as markup
        Assert.DoesNotContain(preview.QuerySelectorAll("button"), b => b.TextContent.Contains("Import", StringComparison.Ordinal));

        // An Import forced past the page (with a token borrowed from its Discard form) imports nothing.
        using (await organizer.PostWithTokenBorrowedFromAsync(batchPage, $"{batchPage}?handler=Import", [])) { }
        Assert.Equal(new PaperTallies(0, 0, 0, 0), await PaperTalliesAsync(id));
        Assert.Empty(await LogAsync(id));
        Assert.True(await App.QueryAsync(db => db.PaperBatches.AnyAsync(b => b.PetitionId == id && b.Sheet != null)));

        using (var discarded = await (await organizer.FormAsync(batchPage, "Discard this batch")).SubmitAsync())
        {
            Assert.Equal(HttpStatusCode.Redirect, discarded.StatusCode);
        }
        Assert.False(await App.QueryAsync(db => db.PaperBatches.AnyAsync(b => b.PetitionId == id)));
    }

    [Theory, OnEachDatabase]
    public async Task A_request_over_the_upload_limit_is_refused_with_413_and_nothing_staged(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var (slug, id) = await AddPetitionWithPartnerAsync();
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, Lead);

        using var refused = await UploadAsync(organizer, slug, new byte[12 * 1024 * 1024]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.False(await App.QueryAsync(db => db.PaperBatches.AnyAsync(b => b.PetitionId == id)));
    }

    [Theory, OnEachDatabase]
    public async Task An_organizer_of_another_organization_is_refused_every_paper_page_and_form(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var (slug, id) = await AddPetitionWithPartnerAsync();
        using var lead = await StaffMember.LogInAsync(App, StaffRoles.Organizer, Lead);
        var batchPage = await StageAsync(lead, slug, Sheet(Header, "Ada,Lovelace,60601,US,"));
        using var other = await StaffMember.LogInAsync(App, StaffRoles.Organizer, Partner);
        var token = await other.TokenBorrowedFromAsync("/account/password");

        foreach (var path in new[] { $"/admin/petitions/{slug}/paper", batchPage })
        {
            using var shown = await other.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, shown.StatusCode);
        }
        foreach (var handler in new[] { $"/admin/petitions/{slug}/paper?handler=Type", $"{batchPage}?handler=Import", $"{batchPage}?handler=Discard", $"{batchPage}?handler=Undo" })
        {
            using var posted = await other.PostWithTokenBorrowedFromAsync("/account/password", handler,
                [new("TypedDescription", "x"), new("Rows[0].FirstName", "Eve"), new("Rows[0].LastName", "Forged"), new("Rows[0].PostalCode", "60601"), new("Rows[0].Country", "US"), new("reason", "x")]);
            Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        }
        Assert.Equal(new PaperTallies(0, 0, 0, 0), await PaperTalliesAsync(id));
        Assert.Equal(1, await App.QueryAsync(db => db.PaperBatches.CountAsync(b => b.PetitionId == id && b.Sheet != null)));
    }
}
