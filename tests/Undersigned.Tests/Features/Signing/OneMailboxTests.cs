using System.Net;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Storage;
using Undersigned.Tests.Email;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Signing;

/// <summary>
/// One person, one signature: every way of typing one mailbox stores one row and counts once, an address with
/// something hidden in it is refused on every form that takes an address, and the address that was compared is
/// the one stored and emailed.
/// </summary>
public sealed class OneMailboxTests(PerDatabase<MailAppFixture> apps, ITestOutputHelper output)
    : BadInputTest<MailAppFixture>(apps, output)
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(20);

    private SmtpSink Sink => Fixture.Sink;

    /// <summary>The plain, quoted, escaped and case-changed forms of one new mailbox, and its canonical address.</summary>
    private static (string Canonical, string[] Typed) FormsOfOneMailbox()
    {
        var local = $"dup.{Guid.NewGuid():N}";
        return ($"{local}@example.org",
            [$"\"{local}\"@example.org", $"\"d\\{local[1..]}\"@example.org", $"{local}@example.org", $" {local.ToUpperInvariant()}@Example.ORG "]);
    }

    [Theory, OnEachDatabase]
    public async Task Quoted_escaped_and_plain_forms_of_one_address_store_one_signature_and_count_once(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var (canonical, typed) = FormsOfOneMailbox();
        var before = await StoredAsync();

        foreach (var email in typed)
        {
            using var signer = NewSigner();
            using var answer = await signer.SignAsync(Demo, new SignatureForm { Email = email });
            Assert.Equal(HttpStatusCode.Found, answer.StatusCode);
        }
        await Sink.WaitUntilAsync(s => s.To(canonical).Any(), MailWait, "the confirmation email");
        using (var confirmer = NewSigner())
        {
            await ConfirmationPage.ConfirmAsync(confirmer.Http, ConfirmLink(Sink.To(canonical).First()));
        }

        Assert.Equal(new StoredState(before.SignatureRows + 1, before.PetitionCount + 1), await StoredAsync());
        var row = await RowAsync(canonical);
        Assert.Equal((canonical, canonical, SignatureStatus.Counted), (row.Email, row.NormalizedEmail, row.Status));
    }

    [Theory, OnEachDatabase]
    public async Task On_a_petition_that_counts_at_once_every_form_of_one_address_counts_once(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var slug = await AddPetitionAsync(PetitionStatus.Open);
        await App.QueryAsync(db => db.Petitions.Where(p => p.Slug == slug)
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.CountingPolicy, CountingPolicy.AtOnce)));
        var (canonical, typed) = FormsOfOneMailbox();

        foreach (var email in typed)
        {
            using var signer = NewSigner();
            using var answer = await signer.SignAsync(slug, new SignatureForm { Email = email });
            Assert.Equal(HttpStatusCode.Found, answer.StatusCode);
        }

        Assert.Equal(1, (await StoredAsync(slug)).PetitionCount);
        Assert.Equal(1, await App.QueryAsync(db => db.Signatures.CountAsync(s => db.Petitions.Any(p => p.Id == s.PetitionId && p.Slug == slug))));
        Assert.Equal(canonical, (await RowAsync(canonical)).Email);
    }

    [Theory, OnEachDatabase]
    public async Task The_address_stored_and_emailed_is_the_compared_one_not_the_typed_one(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var local = $"grace.{Guid.NewGuid():N}";
        var canonical = $"{local}@xn--bcher-kva.example";

        using (var signer = NewSigner())
        {
            using var answer = await signer.SignAsync(Demo, new SignatureForm { Email = $"  \"{local.ToUpperInvariant()}\"@BÜCHER.Example " });
            Assert.Equal(HttpStatusCode.Found, answer.StatusCode);
        }

        var row = await RowAsync(canonical);
        Assert.Equal((canonical, canonical), (row.Email, row.NormalizedEmail));
        // Read from the header as sent: MimeKit's parsed address would show the domain decoded back to Unicode.
        await Sink.WaitUntilAsync(s => s.Received.Any(m => ToHeader(m).Contains(canonical, StringComparison.Ordinal)), MailWait, "the confirmation email");
        var sent = Sink.Received.Single(m => ToHeader(m).Contains(canonical, StringComparison.Ordinal));
        Assert.EndsWith($"<{canonical}>", ToHeader(sent), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> RefusedAddresses => new()
    {
        { "ada@e.x\u200B.org", "invisible character" }, // zero-width space in the domain
        { "a\u200Bda@example.org", "invisible character" }, // ... and in the local part
        { "ada@exa\u00ADmple.org", "invisible character" }, // soft hyphen
        { "\u202Egro.elpmaxe@ada", "invisible character" }, // right-to-left override
        { "\uFEFFada@example.org", "invisible character" }, // byte order mark
        { "\"ada lovelace\"@example.org", "without quotation marks" },
        { "\"ada@home\"@example.org", "without quotation marks" },
        { "ada\uFF20example.org", "like name@example.com" }, // fullwidth @
        { "ada@example.org.", "like name@example.com" },
    };

    [Theory, OnEachDatabase(Rows = nameof(RefusedAddresses))]
    public async Task A_refused_address_brings_the_sign_form_back_with_the_value_kept_and_stores_nothing(DatabaseProvider provider, string email, string error)
    {
        await UseAsync(provider);

        var page = await AssertFormAgainAsync(new SignatureForm { Email = email }, "Email");

        Assert.Contains(error, page.GetElementById("Form_Email-error")!.TextContent, StringComparison.Ordinal);
        Assert.False(await App.QueryAsync(db => db.Signatures.AnyAsync(s => s.Email.Contains(email.Trim()))));
    }

    [Theory, OnEachDatabase]
    public async Task An_address_that_signed_cannot_sign_again_with_a_zero_width_space_hidden_in_it(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var (canonical, _) = FormsOfOneMailbox();
        using (var signer = NewSigner())
        {
            using var _ = await signer.SignAsync(Demo, new SignatureForm { Email = canonical });
        }
        var hidden = canonical.Replace("@example", "@exa\u200Bmple", StringComparison.Ordinal);

        await AssertFormAgainAsync(new SignatureForm { Email = hidden }, "Email");

        Assert.Equal(1, await App.QueryAsync(db => db.Signatures.CountAsync(s => s.NormalizedEmail == canonical || s.Email == hidden)));
    }

    [Theory]
    [OnEachDatabase("resend")]
    [OnEachDatabase("manage")]
    public async Task The_resend_and_lost_link_forms_refuse_the_same_addresses_beside_the_field(DatabaseProvider provider, string form)
    {
        await UseAsync(provider);

        var outbox = await App.QueryAsync(db => db.OutboxMessages.CountAsync());
        foreach (var (email, error) in RefusedAddresses.Select(row => ((string)row[0], (string)row[1])))
        {
            using var visitor = NewSigner();
            using var answer = await PostAddressAsync(visitor, form, email);

            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            var page = await answer.ReadPageAsync();
            Assert.Null(page.QuerySelector("[role=status]"));
            Assert.Contains(error, page.GetElementById("Email-error")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(email.Trim(), page.GetElementById("Email")!.GetAttribute("value")!.Trim());
            Assert.Equal("true", page.GetElementById("Email")!.GetAttribute("aria-invalid"));
        }
        Assert.Equal(outbox, await App.QueryAsync(db => db.OutboxMessages.CountAsync()));
    }

    [Theory, OnEachDatabase]
    public async Task A_quoted_form_of_a_signed_address_asks_for_the_same_signatures_manage_link(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var (canonical, typed) = FormsOfOneMailbox();
        using (var signer = NewSigner())
        {
            using var _ = await signer.SignAsync(Demo, new SignatureForm { Email = canonical });
        }
        await Sink.WaitUntilAsync(s => s.To(canonical).Any(), MailWait, "the confirmation email");

        using var visitor = NewSigner();
        using var answer = await PostAddressAsync(visitor, "manage", typed[1]);

        Assert.NotNull((await answer.ReadPageAsync()).QuerySelector("[role=status]"));
        await Sink.WaitUntilAsync(s => s.To(canonical).Count() == 2, MailWait, "the manage link");
        Assert.All(Sink.To(canonical).SelectMany(m => m.To.Mailboxes), m => Assert.Equal(canonical, m.Address));
    }

    private static async Task<HttpResponseMessage> PostAddressAsync(Signer visitor, string form, string email)
    {
        var path = $"/p/{Demo}/{form}";
        var page = await (await visitor.Http.GetAsync(path)).ReadPageAsync();
        var token = page.QuerySelector($"main form input[name={Signer.TokenField}]")!.GetAttribute("value")!;
        return await visitor.Http.PostAsync(path, new FormUrlEncodedContent([new(Signer.TokenField, token), new("Email", email)]));
    }

    private static string ToHeader(MimeKit.MimeMessage message) => message.Headers[MimeKit.HeaderId.To] ?? "";

    private static string ConfirmLink(MimeKit.MimeMessage message) =>
        $"/p/{Demo}/confirm/{MailAppFixture.ConfirmationToken(message, Demo)}";

    private Task<Signature> RowAsync(string canonical) =>
        App.QueryAsync(db => db.Signatures.AsNoTracking().SingleAsync(s => s.NormalizedEmail == canonical));
}
