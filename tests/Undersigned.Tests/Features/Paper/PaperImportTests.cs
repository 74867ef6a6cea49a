using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Undersigned.Data;
using Undersigned.Features.Paper;
using Undersigned.Features.Signing;
using Undersigned.Storage;
using Undersigned.Tests.Features.Moderation;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Paper;

/// <summary>A sheet batch previewed, imported and undone through the paper pages' own forms, with exact counts.</summary>
public sealed class PaperImportTests(PerDatabase<ModerationApp> apps, ITestOutputHelper output) : PaperTest(apps, output)
{
    [Theory, OnEachDatabase]
    public async Task A_sheet_is_previewed_then_imported_and_counts_at_once_with_the_consents_the_sheet_gives(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var (slug, id) = await AddPetitionWithPartnerAsync();
        var online = await AddSignaturesAsync(id, 1, SignatureStatus.Counted);
        var signedOnline = await App.QueryAsync(db => db.Signatures.Where(s => s.Id == online[0]).Select(s => s.Email).SingleAsync());
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, Lead);
        var sheet = Sheet(
            $"First name,Last name,ZIP,Country,Email,May email,share_{Partner}",
            "Fannie Lou,Hamer,38732,US,Fannie@Example.org,yes,yes",
            "Bayard,Rustin,10001,US,,,",
            $"Ella,Baker,27601,US,{signedOnline.ToUpperInvariant()},no,no",
            "Fannie,Hamer,38732,US,fannie@example.org,no,no",
            "Pauli,Murray,,CA,,no,yes");

        var batchPage = await StageAsync(organizer, slug, sheet);

        var preview = await organizer.GetPageAsync(batchPage);
        Assert.Equal("5", preview.QuerySelector("[data-figure=rows]")!.TextContent);
        Assert.Equal("0", preview.QuerySelector("[data-figure=errors]")!.TextContent);
        Assert.Equal("2", preview.QuerySelector("[data-figure=repeats]")!.TextContent);
        Assert.Equal("3", preview.QuerySelector("[data-figure=to-import]")!.TextContent);
        Assert.NotNull(preview.QuerySelector("tr[data-line='4']")); // the online signer's line, among the repeats
        Assert.Equal(new PaperTallies(1, 0, 0, 1), await PaperTalliesAsync(id)); // nothing counts before Import

        using (var imported = await (await organizer.FormAsync(batchPage, "Import 3 signatures")).SubmitAsync())
        {
            Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        }

        Assert.Equal(new PaperTallies(4, 3, 0, 4), await PaperTalliesAsync(id));
        await ExactTalliesAsync(id);
        var batchId = long.Parse(batchPage[(batchPage.LastIndexOf('/') + 1)..]);
        var rows = await App.QueryAsync(db => db.Signatures.AsNoTracking().Where(s => s.PaperBatchId == batchId).OrderBy(s => s.LastName).ToListAsync());
        Assert.Equal(["Hamer", "Murray", "Rustin"], rows.Select(r => r.LastName));
        Assert.All(rows, r => Assert.Equal((SignatureStatus.Counted, "paper"), (r.Status, r.Source)));
        Assert.Equal([true, false, false], rows.Select(r => r.WantsUpdates));
        Assert.Equal(["fannie@example.org", "", ""], rows.Select(r => r.Email));
        var consents = await App.QueryAsync(db => db.ConsentRecords.AsNoTracking().Where(c => c.PetitionId == id).ToListAsync());
        Assert.Equal(rows.Where(r => r.LastName is "Hamer" or "Murray").Select(r => r.Id).Order(), consents.Select(c => c.SignatureId).Order());
        Assert.All(consents, c => Assert.Equal($"paper sheet, batch {batchId}, imported by {organizer.Email}", c.Wording));
        Assert.Equal(2, await App.QueryAsync(db => db.PartnerOptIns.CountAsync(o => o.PetitionId == id)));
        // Staff vouch for the sheet: no confirmation email goes to anyone on it.
        var ids = rows.Select(r => (long?)r.Id).ToList();
        Assert.Equal(0, await App.QueryAsync(db => db.OutboxMessages.CountAsync(m => ids.Contains(m.SignatureId))));
        var entry = Assert.Single(await LogAsync(id));
        Assert.Equal((ModerationAction.PaperImported, 3, organizer.Email, "Rally at City Hall, May 3"),
            (entry.Action, entry.Count, entry.StaffEmail, entry.Reason));

        // The same Import pressed again (a second tab) adds nothing.
        using (await organizer.PostWithTokenBorrowedFromAsync(batchPage, $"{batchPage}?handler=Import", [])) { }
        Assert.Equal(new PaperTallies(4, 3, 0, 4), await PaperTalliesAsync(id));
        var shown = await organizer.GetPageAsync(batchPage);
        Assert.Equal("3", shown.QuerySelector("[data-figure=imported]")!.TextContent);
    }

    [Theory, OnEachDatabase]
    public async Task Undoing_a_batch_restores_the_counts_exactly_whatever_became_of_its_signatures(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var (slug, id) = await AddPetitionWithPartnerAsync();
        await AddSignaturesAsync(id, 2, SignatureStatus.Counted);
        await AddSignaturesAsync(id, 1, SignatureStatus.Held);
        var before = await PaperTalliesAsync(id);
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, Lead);
        var batchPage = await StageAsync(organizer, slug, Sheet(
            $"first_name,last_name,postal_code,country,email,share_{Partner}",
            "Ida,Wells,60601,US,ida@example.org,yes", "Medgar,Evers,39201,US,,no", "Diane,Nash,37201,US,,no"));
        var undoButton = $"Undo batch {batchPage[(batchPage.LastIndexOf('/') + 1)..]}";
        using (await (await organizer.FormAsync(batchPage, "Import 3 signatures")).SubmitAsync()) { }
        // Since the import, one of its signatures was invalidated by staff.
        await App.QueryAsync(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var evers = await db.Signatures.Where(s => s.LastName == "Evers" && s.PetitionId == id).Select(s => s.Id).SingleAsync();
            await SignatureMoves.MoveAsync(db, [evers], SignatureStatus.Invalidated, CancellationToken.None);
            await tx.CommitAsync();
            return 0;
        });
        Assert.Equal(before with { Counted = before.Counted + 2, Paper = 2, Invalidated = 1, Rows = before.Rows + 3 }, await PaperTalliesAsync(id));

        using (var noReason = await (await organizer.FormAsync(batchPage, undoButton)).SubmitAsync())
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
            Assert.NotNull((await noReason.ReadPageAsync()).QuerySelector("#reason-error"));
        }
        Assert.Equal(2, (await PaperTalliesAsync(id)).Paper);

        var undo = await organizer.FormAsync(batchPage, undoButton);
        using (var undone = await undo.Set("reason", "The sheets were filled in by one hand").SubmitAsync())
        {
            Assert.Equal(HttpStatusCode.Redirect, undone.StatusCode);
        }

        Assert.Equal(before, await PaperTalliesAsync(id));
        await ExactTalliesAsync(id);
        Assert.Equal(0, await App.QueryAsync(db => db.ConsentRecords.CountAsync(c => c.PetitionId == id)));
        Assert.Equal([ModerationAction.PaperImported, ModerationAction.PaperUndone], (await LogAsync(id)).Select(e => e.Action));
        Assert.Equal(3, (await LogAsync(id))[1].Count);
        // The page says so, and an Undo sent again changes nothing.
        var shown = await organizer.GetPageAsync(batchPage);
        Assert.NotNull(shown.QuerySelector("[data-state=undone]"));
        using (await undo.SubmitAsync()) { }
        Assert.Equal(before, await PaperTalliesAsync(id));
        Assert.Equal(2, (await LogAsync(id)).Count);
    }

    [Theory, OnEachDatabase]
    public async Task Rows_typed_into_the_form_are_previewed_and_imported_like_a_sheet(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var (slug, id) = await AddPetitionWithPartnerAsync();
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, Lead);
        var form = await organizer.FormAsync($"/admin/petitions/{slug}/paper", "Check the rows");
        form.Set("TypedDescription", "Door to door, Ward 5")
            .Set("Rows[0].FirstName", "Rosa").Set("Rows[0].LastName", "Parks").Set("Rows[0].PostalCode", "36104")
            .Set("Rows[0].Email", "rosa@example.org").Check("Rows[0].MayEmail").Check("Rows[0].ShareWith", Partner)
            .Set("Rows[1].FirstName", "John").Set("Rows[1].LastName", "Lewis").Set("Rows[1].PostalCode", "30303");

        using var staged = await form.SubmitAsync();

        Assert.Equal(HttpStatusCode.Redirect, staged.StatusCode);
        var batchPage = staged.Headers.Location!.OriginalString;
        Assert.Equal("2", (await organizer.GetPageAsync(batchPage)).QuerySelector("[data-figure=to-import]")!.TextContent);
        using (await (await organizer.FormAsync(batchPage, "Import 2 signatures")).SubmitAsync()) { }
        Assert.Equal(new PaperTallies(2, 2, 0, 2), await PaperTalliesAsync(id));
        var rosa = await App.QueryAsync(db => db.Signatures.AsNoTracking().SingleAsync(s => s.PetitionId == id && s.LastName == "Parks"));
        Assert.True(rosa.WantsUpdates);
        Assert.Equal(1, await App.QueryAsync(db => db.PartnerOptIns.CountAsync(o => o.SignatureId == rosa.Id)));
    }

    [Theory, OnEachDatabase]
    public async Task Two_staff_pressing_import_at_once_import_the_batch_once(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var (slug, id) = await AddPetitionWithPartnerAsync();
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, Lead);
        string[] lines = ["first_name,last_name,postal_code,country", .. Enumerable.Range(0, 50).Select(i => $"Signer,Number {i},60601,US")];
        var batchPage = await StageAsync(organizer, slug, Sheet(lines));
        var batchId = long.Parse(batchPage[(batchPage.LastIndexOf('/') + 1)..]);
        var petition = await App.QueryAsync(db => db.Petitions.Include(p => p.Sponsorships).ThenInclude(s => s.Organization).SingleAsync(p => p.Id == id));

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await using var scope = App.Services.CreateAsyncScope();
            try
            {
                return scope.ServiceProvider.GetRequiredService<PaperImports>().Import(petition, batchId, "staff@example.org");
            }
            catch (Exception e) when (e is DbUpdateException || e.GetType().Name.Contains("Sqlite") || e.GetType().Name.Contains("Postgres"))
            {
                return -1; // the loser of a write race may be refused outright; it imports nothing either way
            }
        })));

        Assert.Single(results, r => r == 50);
        Assert.Equal(new PaperTallies(50, 50, 0, 50), await PaperTalliesAsync(id));
        Assert.Single(await LogAsync(id));
    }
}
