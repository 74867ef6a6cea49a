namespace Undersigned.Web;

/// <summary>
/// The headers of a page no cache may keep, for pages with a form. <c>no-store</c> is what forbids keeping it; the
/// page also says <c>no-cache</c> and <c>Pragma: no-cache</c> because antiforgery writes exactly these on any page
/// that holds a token, and when a page has set anything less it overwrites it and logs a warning each time
/// (DefaultAntiforgery event 8). Said in full, nothing is overwritten and nothing is logged.
/// </summary>
public static class NoStoreHeaders
{
    public static void SetNoStore(this HttpResponse response)
    {
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers.Pragma = "no-cache";
    }
}
