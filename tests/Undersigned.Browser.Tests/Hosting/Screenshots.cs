using Microsoft.Playwright;

namespace Undersigned.Browser.Tests.Hosting;

/// <summary>Saves what the browser showed when a test failed, under TestResults/screenshots at the repository root.</summary>
internal static class Screenshots
{
    public static readonly string Folder = Path.Combine(RepositoryRoot(), "TestResults", "screenshots");

    public static async Task<string> SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"{name}.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Undersigned.slnx")))
            {
                return dir.FullName;
            }
        }
        return AppContext.BaseDirectory;
    }
}
