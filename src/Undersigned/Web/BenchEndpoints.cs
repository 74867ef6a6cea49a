namespace Undersigned.Web;

/// <summary>
/// The baseline the sign benchmark compares against (bench/sign.sh): a form POST of the same size that is read and
/// answered without touching the database. Mapped only when <c>Bench:Endpoints=true</c>; never in production.
/// </summary>
public static class BenchEndpoints
{
    public static void MapBenchEndpoints(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Bench:Endpoints", false))
        {
            return;
        }
        app.MapPost("/bench/echo", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            return TypedResults.Text($"{form.Count} fields");
        }).DisableAntiforgery().ExcludeFromDescription();
    }
}
