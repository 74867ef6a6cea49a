using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Undersigned.Web;

namespace Undersigned.Features.Updates;

/// <summary>
/// The address in an update's List-Unsubscribe header (RFC 8058). Mail clients POST to it with no cookies and no
/// form token, so this one endpoint is exempt from antiforgery: the secret is the link itself, and the only thing
/// it can do is stop email. A GET, which mail scanners send, changes nothing and shows the confirmation page.
/// The POST must carry the form RFC 8058 prescribes, <c>List-Unsubscribe=One-Click</c>; anything else is a 4xx.
/// </summary>
public static class OneClickUnsubscribe
{
    public static void MapOneClickUnsubscribe(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/unsubscribe/{token}/one-click", UnsubscribeAsync)
            .DisableAntiforgery()
            .WithMetadata(new FormSizeLimitAttribute(1024)) // the body is "List-Unsubscribe=One-Click"
            .WithName("OneClickUnsubscribe")
            .WithSummary("Stops update emails for the signature named by the token (RFC 8058 one-click)")
            .ExcludeFromDescription();
        routes.MapGet("/unsubscribe/{token}/one-click", (string token) =>
                TypedResults.Redirect($"/unsubscribe/{Uri.EscapeDataString(token)}"))
            .WithName("OneClickUnsubscribePage")
            .ExcludeFromDescription();
    }

    private static async Task<Results<ContentHttpResult, NotFound, BadRequest>> UnsubscribeAsync(string token,
        [FromForm(Name = "List-Unsubscribe")] string? oneClick, UnsubscribeLinks links, Unsubscribing unsubscribing,
        HttpContext http, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (oneClick != "One-Click")
        {
            return TypedResults.BadRequest();
        }
        if (links.SignatureOf(token) is not { } signatureId)
        {
            return TypedResults.NotFound();
        }
        await unsubscribing.UnsubscribeAsync(signatureId, ct);
        return TypedResults.Text("Unsubscribed: no more update emails will be sent to this address for this petition.\n");
    }
}
