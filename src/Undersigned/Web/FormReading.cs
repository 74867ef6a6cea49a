using Microsoft.AspNetCore.Diagnostics;

namespace Undersigned.Web;

/// <summary>
/// Reads a posted form before antiforgery does. Antiforgery reports any failure to read the form as a missing token
/// (400), which hid a body over the size limit (413) and a form the parser refuses (too many fields, NUL): read here,
/// once routing has applied the endpoint's size limit, those failures reach the exception handler and get their own
/// status. The form is cached on the request, so antiforgery and model binding do not read it again.
/// </summary>
public static class FormReading
{
    public static IApplicationBuilder UseFormReading(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // An error page re-executed for this request must not fail again on the same form.
        if (context.Request.HasFormContentType && context.Features.Get<IExceptionHandlerFeature>() is null)
        {
            await context.Request.ReadFormAsync(context.RequestAborted);
        }
        await next(context);
    });
}
