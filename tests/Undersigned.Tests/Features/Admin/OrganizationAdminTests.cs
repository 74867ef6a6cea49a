using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;
using Undersigned.Data;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Admin;

/// <summary>Organizations and their logos: what an admin may store, and the uploads and names that are refused.</summary>
public sealed class OrganizationAdminTests(PerDatabase<AppFixture> apps, ITestOutputHelper output)
    : AdminTest(apps, output)
{
    private const string NewPage = "/admin/organizations/new";

    [Theory, OnEachDatabase]
    public async Task A_logo_is_stored_as_a_fitted_png_without_the_uploads_extra_bytes_and_served_with_a_version(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var admin = await StaffMember.LogInAsync(App, StaffRoles.Admin);
        var slug = $"org-{Guid.NewGuid():N}"[..16];
        var upload = Image(SKEncodedImageFormat.Jpeg, 800, 600).Concat(Encoding.ASCII.GetBytes("GPS 51.5N 0.1W secret")).ToArray();

        using var created = await PostOrganizationAsync(admin, NewPage, Fields("Library Friends", slug), upload, "logo.jpg", "image/jpeg");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var list = await admin.GetPageAsync("/admin/organizations");
        var src = list.QuerySelector($"img[src^='/organizations/{slug}/logo?v=']")!.GetAttribute("src")!;
        using var client = App.CreateHttpClient();
        using var logo = await client.GetAsync(src);
        Assert.Equal("image/png", logo.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", logo.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var png = await logo.Content.ReadAsByteArrayAsync();
        Assert.DoesNotContain("secret", Encoding.ASCII.GetString(png), StringComparison.Ordinal);
        using (var bitmap = SKBitmap.Decode(png))
        {
            Assert.Equal((400, 300), (bitmap.Width, bitmap.Height));
        }
        using var conditional = new HttpRequestMessage(HttpMethod.Get, src);
        conditional.Headers.IfNoneMatch.Add(logo.Headers.ETag!);
        using var notModified = await client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Theory, OnEachDatabase]
    public async Task A_photo_turned_by_its_metadata_is_stored_the_right_way_up(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var admin = await StaffMember.LogInAsync(App, StaffRoles.Admin);
        var slug = $"turn-{Guid.NewGuid():N}"[..16];
        // 200×100, red on the left; its EXIF says "turn a quarter clockwise to view" (orientation 6), as phones write.
        using var sideways = new SKBitmap(200, 100);
        using (var canvas = new SKCanvas(sideways))
        {
            canvas.Clear(SKColors.Blue);
            canvas.DrawRect(0, 0, 100, 100, new SKPaint { Color = SKColors.Red });
        }
        var jpeg = sideways.Encode(SKEncodedImageFormat.Jpeg, 95).ToArray();
        byte[] exif = [0xFF, 0xE1, 0, 34, .. "Exif\0\0"u8, .. "II*\0"u8, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0];
        byte[] upload = [.. jpeg[..2], .. exif, .. jpeg[2..]];

        using var created = await PostOrganizationAsync(admin, NewPage, Fields("Turned Friends", slug), upload, "photo.jpg", "image/jpeg");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var png = await App.QueryAsync(db => db.OrganizationLogos.Where(l => db.Organizations.Any(o => o.Id == l.OrganizationId && o.Slug == slug))
            .Select(l => l.Content).SingleAsync());
        using var stored = SKBitmap.Decode(png);
        Assert.Equal((100, 200), (stored.Width, stored.Height));
        Assert.True(stored.GetPixel(50, 40).Red > 200, "the left of the photo is its top once turned");
        Assert.True(stored.GetPixel(50, 160).Blue > 200);
    }

    public static TheoryData<string, string> BadLogos => new()
    {
        { "text named .png", "not-an-image.png" },
        { "svg", "logo.svg" },
        { "gif", "logo.gif" },
        { "too wide", "banner.png" },
        { "over 512 KB", "huge.png" },
        { "empty", "empty.png" },
    };

    [Theory, OnEachDatabase(Rows = nameof(BadLogos))]
    public async Task A_logo_that_is_not_a_sane_png_jpeg_or_webp_is_refused_beside_its_field_and_nothing_is_stored(DatabaseProvider provider, string kind, string fileName)
    {
        await UseAsync(provider);

        using var admin = await StaffMember.LogInAsync(App, StaffRoles.Admin);
        var content = kind switch
        {
            "text named .png" => Encoding.UTF8.GetBytes("<?php system($_GET['c']); ?>"),
            "svg" => Encoding.UTF8.GetBytes("<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'><rect width='10' height='10'/></svg>"),
            "gif" => Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"),
            "too wide" => Image(SKEncodedImageFormat.Png, 2400, 10),
            "over 512 KB" => [.. Image(SKEncodedImageFormat.Png, 10, 10), .. new byte[520 * 1024]],
            _ => [],
        };
        var before = await App.QueryAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Slug == OtherOrganization));
        var page = $"/admin/organizations/{OtherOrganization}/edit";

        using var response = await PostOrganizationAsync(admin, page, Fields("Daily Kos, renamed"), content, fileName, "image/png");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var form = await response.ReadPageAsync();
        Assert.NotNull(form.QuerySelector("#Logo-error"));
        Assert.Equal("Daily Kos, renamed", form.QuerySelector("#Form_Name")!.GetAttribute("value"));
        var after = await App.QueryAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Slug == OtherOrganization));
        Assert.Equal((before.Name, before.LogoUpdatedAt), (after.Name, after.LogoUpdatedAt));
        Assert.False(await App.QueryAsync(db => db.OrganizationLogos.AnyAsync(l => l.OrganizationId == before.Id)));
    }

    [Theory, OnEachDatabase]
    public async Task An_upload_over_the_pages_limit_gets_413_and_stores_nothing(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var admin = await StaffMember.LogInAsync(App, StaffRoles.Admin);
        var slug = $"big-{Guid.NewGuid():N}"[..16];

        using var response = await PostOrganizationAsync(admin, NewPage, Fields("Big Upload", slug), new byte[2 * 1024 * 1024], "big.png", "image/png");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.False(await App.QueryAsync(db => db.Organizations.AnyAsync(o => o.Slug == slug)));
    }

    [Theory, OnEachDatabase]
    public async Task Creating_an_organization_without_the_form_token_is_refused(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var admin = await StaffMember.LogInAsync(App, StaffRoles.Admin);
        var slug = $"forged-{Guid.NewGuid():N}"[..16];
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in Fields("Forged Friends", slug))
        {
            form.Add(new StringContent(value), name);
        }

        using var response = await admin.Http.PostAsync(NewPage, form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await App.QueryAsync(db => db.Organizations.AnyAsync(o => o.Slug == slug)));
    }

    [Theory]
    [OnEachDatabase("Form.Name", "<script>alert(1)</script>")]
    [OnEachDatabase("Form.Name", "Friends of <b>the</b> Library")]
    [OnEachDatabase("Form.Website", "javascript:alert(1)")]
    [OnEachDatabase("Form.Website", "ftp://files.example.org")]
    [OnEachDatabase("Form.Slug", "daily-kos")]
    [OnEachDatabase("Form.Slug", "Has Spaces")]
    [OnEachDatabase("Form.Description", "")]
    public async Task A_bad_field_gets_the_form_again_and_creates_nothing(DatabaseProvider provider, string field, string value)
    {
        await UseAsync(provider);

        using var admin = await StaffMember.LogInAsync(App, StaffRoles.Admin);
        var slug = $"bad-{Guid.NewGuid():N}"[..16];
        var fields = Fields("Library Friends", slug);
        fields[field] = field == "Form.Description" ? new string('d', 1001) : value;
        var count = await App.QueryAsync(db => db.Organizations.CountAsync());

        using var response = await PostOrganizationAsync(admin, NewPage, fields, null, null, null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var form = await response.ReadPageAsync();
        Assert.NotNull(form.QuerySelector($"#{field.Replace('.', '_')}-error"));
        Assert.Equal(fields["Form.Name"], form.QuerySelector("#Form_Name")!.GetAttribute("value"));
        Assert.Equal(count, await App.QueryAsync(db => db.Organizations.CountAsync()));
    }

    /// <summary>The form's fields; the address only when creating, since an organization keeps its address.</summary>
    private static Dictionary<string, string> Fields(string name, string? slug = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Form.Name"] = name,
            ["Form.Website"] = "https://library-friends.example.org",
            ["Form.Description"] = "Volunteers who keep the branches open.",
        };
        if (slug is not null)
        {
            fields["Form.Slug"] = slug;
        }
        return fields;
    }

    /// <summary>Fills in the organization form of <paramref name="page"/> (new or edit), chooses the logo file if any, and saves.</summary>
    private static async Task<HttpResponseMessage> PostOrganizationAsync(StaffMember admin, string page,
        Dictionary<string, string> fields, byte[]? file, string? fileName, string? contentType)
    {
        var form = await admin.FormAsync(page, page == NewPage ? "Create organization" : "Save");
        foreach (var (name, value) in fields)
        {
            form.Set(name, value);
        }
        if (file is not null)
        {
            form.Attach("Logo", file, fileName!, contentType!);
        }
        return await form.SubmitAsync();
    }

    private static byte[] Image(SKEncodedImageFormat format, int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.SteelBlue);
        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }
}
