using System.Diagnostics;
using Undersigned.Features.Delivery;
using Undersigned.Storage;

namespace Undersigned.Commands;

/// <summary>
/// <c>deliver --petition SLUG --out DIR [--format pdf|csv|both]</c>: writes the delivery package (the PDF and the
/// CSV of counted signers) into a folder, for an operator to send or print. It does not mark the petition delivered.
/// </summary>
public static class DeliverCommand
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var options = CommandOptions.Parse(args);
        var (slug, folder, format) = (options["petition"], options["out"], options["format"] ?? "both");
        if (string.IsNullOrWhiteSpace(slug) || string.IsNullOrWhiteSpace(folder) || format is not ("pdf" or "csv" or "both"))
        {
            await Console.Error.WriteLineAsync("Usage: deliver --petition SLUG --out DIR [--format pdf|csv|both]");
            return 2;
        }
        await app.PrepareDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var package = scope.ServiceProvider.GetRequiredService<DeliveryPackage>();
        var cover = await package.CoverAsync(slug, CancellationToken.None);
        if (cover is null)
        {
            await Console.Error.WriteLineAsync($"No petition has the slug '{slug}'.");
            return 2;
        }
        Directory.CreateDirectory(folder);
        var clock = Stopwatch.StartNew();
        if (format is "pdf" or "both")
        {
            var path = Path.Combine(folder, DeliveryPackage.FileName(cover, "pdf"));
            await using var file = File.Create(path);
            var written = await package.WritePdfAsync(file, cover, CancellationToken.None);
            Console.WriteLine($"{path}: {written.Signers} signers on {written.Pages} pages, {file.Length / 1048576.0:0.0} MB");
        }
        if (format is "csv" or "both")
        {
            var path = Path.Combine(folder, DeliveryPackage.FileName(cover, "csv"));
            await using var file = File.Create(path);
            var rows = await package.WriteCsvAsync(file, cover, CancellationToken.None);
            Console.WriteLine($"{path}: {rows} signers, {file.Length / 1048576.0:0.0} MB");
        }
        Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds:0.00} s.");
        return 0;
    }
}
