using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Undersigned.Features.Shared;

/// <summary>
/// The page shown for every error status, in the reader's language; the status code itself is kept. It binds
/// nothing and checks no form token, so it never reads the body of the request that failed: the code comes from
/// the route.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "";
    public string Explanation { get; private set; } = "";

    public void OnGet() => Describe();

    public void OnPost() => Describe();

    private void Describe()
    {
        var code = int.TryParse(RouteData.Values["code"] as string, CultureInfo.InvariantCulture, out var named) ? named : 0;
        // Re-executed error pages keep the original status; a direct visit gets the status it names.
        var status = Response.StatusCode >= 400 ? Response.StatusCode : code is >= 400 and < 600 ? code : 404;
        Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable && !Response.Headers.ContainsKey("Retry-After"))
        {
            Response.Headers.RetryAfter = "5";
        }
        (Heading, Explanation) = status switch
        {
            400 => ("This request could not be read", "The form may have expired or been sent from another site. Go back, reload the page and try again."),
            401 => ("Please log in", "This page is for staff who are logged in."),
            403 => ("You do not have access to this page", "It belongs to another organization, or needs a role you do not have."),
            404 => ("Page not found", "There is no petition or page at this address."),
            405 => ("This request could not be read", "This address does not accept that kind of request."),
            410 => ("This petition is closed", "It no longer accepts signatures. Thank you for caring about it."),
            413 => ("That was too much to send", "The form was larger than we accept. Shorten your comment and try again."),
            415 => ("This request could not be read", "Go back and send the form from its own page."),
            429 => ("Too many tries", "Please wait a minute and try again."),
            503 => ("Too many people are signing right now", "We could not confirm that your signature was saved. Go back and send the form again in a few seconds: it will never count twice."),
            _ when status < 500 => ("This request could not be read", "Go back, reload the page and try again."),
            _ => ("Something went wrong on our side", "Your request was not completed. Please try again in a moment."),
        };
    }
}
