using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Signing;

/// <summary>
/// Control characters and invalid UTF-8 in the sign form's fields.
/// </summary>
public sealed class BadInputEncodingTests(PerDatabase<AppFixture> apps, ITestOutputHelper output)
    : BadInputTest<AppFixture>(apps, output)
{
    public static TheoryData<string, string> ControlCharacters()
    {
        var data = new TheoryData<string, string>();
        foreach (var field in SignatureForm.TextFields)
        {
            var multiline = field == "Comment";
            foreach (var control in multiline ? ["\0", "\u0007", "\u001b[31m", "\u0085"] : new[] { "\0", "\u0007", "\u001b[31m", "\t", "\n" })
            {
                data.Add(field, control);
            }
        }
        return data;
    }

    [Theory, OnEachDatabase(Rows = nameof(ControlCharacters))]
    public async Task A_control_character_in_any_field_is_refused(DatabaseProvider provider, string field, string control)
    {
        await UseAsync(provider);

        var valid = new SignatureForm { Comment = "Counted once, I hope." };
        var typed = valid.With(field, valid[field]![..1] + control + valid[field]![1..]);

        if (control == "\0")
        {
            // The form parser itself refuses NUL, before any field is read: the whole request is bad.
            var before = await StoredAsync();
            using var signer = NewSigner();
            using var response = await signer.SignAsync(Demo, typed);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(before, await StoredAsync());
        }
        else
        {
            await AssertFormAgainAsync(typed, field);
        }
    }

    public static TheoryData<string, string> InvalidUtf8()
    {
        var data = new TheoryData<string, string>();
        foreach (var field in SignatureForm.TextFields)
        {
            foreach (var kind in new[] { "raw-ff", "overlong", "surrogate", "truncated" })
            {
                data.Add(field, kind);
            }
        }
        return data;
    }

    [Theory, OnEachDatabase(Rows = nameof(InvalidUtf8))]
    public async Task Invalid_utf8_in_the_form_body_is_refused(DatabaseProvider provider, string field, string kind)
    {
        await UseAsync(provider);

        byte[] invalid = kind switch
        {
            "raw-ff" => [0xFF, 0xFE],
            "overlong" => [0xC0, 0xAF],
            "surrogate" => [0xED, 0xA0, 0x80],
            _ => [0xE2, 0x82],
        };
        using var signer = NewSigner();
        await signer.OpenAsync(Demo);
        var form = new SignatureForm { Comment = "Counted once." };
        var body = new MemoryStream();
        body.Write(Encoding.ASCII.GetBytes($"{Signer.TokenField}={Uri.EscapeDataString(signer.Token!)}"));
        foreach (var name in SignatureForm.TextFields)
        {
            body.Write(Encoding.ASCII.GetBytes($"&Form.{name}={Uri.EscapeDataString(form[name]![..2])}"));
            if (name == field)
            {
                body.Write(invalid);
            }
            body.Write(Encoding.ASCII.GetBytes(Uri.EscapeDataString(form[name]![2..])));
        }
        var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        var before = await StoredAsync();

        using var response = await signer.PostAsync(Demo, content);

        await AssertRefusedAsync(response, field);
        Assert.Equal(before, await StoredAsync());
    }
}
