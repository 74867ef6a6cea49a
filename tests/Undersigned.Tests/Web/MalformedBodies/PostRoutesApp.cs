using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Undersigned.Data;
using Undersigned.Features.Delivery;
using Undersigned.Features.Petitions;
using Undersigned.Features.Signing;
using Undersigned.Features.Updates;
using Undersigned.Tests.Infrastructure;

namespace Undersigned.Tests.Web.MalformedBodies;

/// <summary>
/// The app with everything a POST route may name already there: a counted signer who asked for updates (with a
/// manage link and an unsubscribe link), a signer still to confirm (with a confirmation link), a delivery link, and
/// an admin logged in, who may reach every route, with a form token valid on all of them.
/// </summary>
public class PostRoutesApp : AppFixture
{
    public const string Organization = "daily-kos";

    public StaffMember Admin { get; private set; } = null!;

    public string FormToken { get; private set; } = null!;

    public string CountedEmail { get; } = $"counted.{Guid.NewGuid():N}@example.org";

    public IReadOnlyList<KnownValue> Known { get; private set; } = [];

    public IReadOnlyList<PostRoute> Routes { get; private set; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var tokens = await App.QueryAsync(CreateSignersAsync);
        Known =
        [
            new("", "slug", DemoCampaign.Slug),
            new("admin/organizations", "slug", Organization),
            new("", "org", Organization),
            new("p/{slug}/manage", "token", tokens.Manage),
            new("p/{slug}/confirm", "token", tokens.Confirm),
            new("unsubscribe", "token", tokens.Unsubscribe),
            new("delivery", "token", tokens.Delivery),
            new("error", "code", "400"),
        ];
        Routes = await PostRoute.AllAsync(App.Services);
        Admin = await StaffMember.LogInAsync(App, StaffRoles.Admin);
        // Every malformed body carries a good token, borrowed from the sign form, so that only the body is at fault.
        FormToken = await Admin.TokenBorrowedFromAsync($"/p/{DemoCampaign.Slug}");
    }

    public override async Task DisposeAsync()
    {
        Admin?.Dispose();
        await base.DisposeAsync();
    }

    private async Task<(string Manage, string Confirm, string Unsubscribe, string Delivery)> CreateSignersAsync(UndersignedDb db)
    {
        var petition = await db.Petitions.SingleAsync(p => p.Slug == DemoCampaign.Slug);
        var now = DateTime.UtcNow;
        var counted = Signer(petition.Id, CountedEmail, SignatureStatus.Counted, now);
        var pending = Signer(petition.Id, $"pending.{Guid.NewGuid():N}@example.org", SignatureStatus.Pending, now);
        db.Signatures.AddRange(counted, pending);
        petition.SignatureCount += 1;
        await db.SaveChangesAsync();
        var manage = ManageLinks.Create(db, counted.Id, now, TimeSpan.FromDays(30));
        var (confirm, hash) = SignerTokens.Create();
        db.SignatureTokens.Add(new SignatureToken
        {
            SignatureId = pending.Id, Purpose = TokenPurpose.Confirm, TokenHash = hash, CreatedAt = now, ExpiresAt = now.AddDays(7),
        });
        await db.SaveChangesAsync();
        return (manage, confirm, App.Services.GetRequiredService<UnsubscribeLinks>().TokenFor(counted.Id),
            App.Services.GetRequiredService<TargetLinks>().Create(petition.Id).Token);
    }

    private static Signature Signer(int petitionId, string email, SignatureStatus status, DateTime now) => new()
    {
        PetitionId = petitionId, FirstName = "Grace", LastName = "Hopper", Email = email, NormalizedEmail = email,
        Country = "US", PostalCode = "10001", Locale = "en", CreatedAt = now, Status = status, WantsUpdates = true,
        ConfirmedAt = status == SignatureStatus.Counted ? now : null,
    };
}
