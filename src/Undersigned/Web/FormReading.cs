using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Undersigned.Web;

/// <summary>
/// The one place where every request's body is checked and its form read, after routing (which applies the
/// endpoint's size limit) and before antiforgery, authentication, model binding or any endpoint. A body the app
/// cannot take is answered here with a 4xx and one line of log, no stack trace: a charset other than UTF-8, a
/// multipart body without its boundary or its end, broken escapes or bytes that are not UTF-8, anything but a form
/// posted to a page. The form is cached on the request, so antiforgery and model binding do not read it again.
/// </summary>
public sealed class FormReading(RequestDelegate next, ILogger<FormReading> log)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IExceptionHandlerFeature>() is not null || context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            // An error page re-executed for this request never reads its body: that body may be what failed.
            context.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
        }
        else if (context.GetEndpoint() is RouteEndpoint endpoint && await CheckAsync(context, endpoint) is { } refusal)
        {
            await RefuseAsync(context, endpoint, refusal);
            return;
        }
        await next(context);
    }

    private static async Task<FormRefusal?> CheckAsync(HttpContext context, RouteEndpoint endpoint)
    {
        var request = context.Request;
        var (kind, refusal) = FormContentType.Classify(request);
        if (refusal is not null)
        {
            return refusal;
        }
        if (kind is BodyKind.UrlEncoded or BodyKind.Multipart)
        {
            return await PostedForm.ReadAsync(request, kind, context.RequestAborted);
        }
        // A page reads nothing but forms: JSON (with the token in a header) would bind as an empty form.
        var hasBody = kind == BodyKind.Other || request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
        return hasBody && ChangesState(request) && endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null
            ? FormRefusal.Unsupported("a page takes only forms")
            : null;
    }

    private static bool ChangesState(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));

    private async Task RefuseAsync(HttpContext context, RouteEndpoint endpoint, FormRefusal refusal)
    {
        // The route's pattern, not its path: paths hold signers' link tokens.
        log.LogInformation("Refused a {Method} to {Route} with {Status}: {Reason}.",
            context.Request.Method, "/" + endpoint.RoutePattern.RawText?.TrimStart('/'), refusal.Status, refusal.Reason);
        // Nothing after this may read the body again, the error page included.
        context.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
        context.Response.StatusCode = refusal.Status;
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = refusal.Status, Title = "The request's body was refused", Detail = $"The request was refused: {refusal.Reason}." },
            });
        }
        // Elsewhere the status-code page re-executes /error/{status}, in the reader's language.
    }
}

public static class FormReadingSetup
{
    public static IApplicationBuilder UseFormReading(this IApplicationBuilder app) => app.UseMiddleware<FormReading>();
}
