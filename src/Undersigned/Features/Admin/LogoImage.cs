using SkiaSharp;

namespace Undersigned.Features.Admin;

/// <summary>A logo as the app stores it: a PNG it encoded itself, so no metadata or hidden content of the upload survives.</summary>
public sealed record LogoImage(byte[] Png, int Width, int Height)
{
    public const int MaxBytes = 512 * 1024;
    public const int MaxSide = 2000;
    public const int StoredSide = 400;

    private static readonly SKEncodedImageFormat[] Accepted = [SKEncodedImageFormat.Png, SKEncodedImageFormat.Jpeg, SKEncodedImageFormat.Webp];

    /// <summary>
    /// Checks an upload by what it contains, not by its name or declared type: a PNG, JPEG or WebP image of at most
    /// 512 KB and 2000×2000 pixels. Returns the logo re-encoded as PNG, fitted within 400×400, or the error.
    /// </summary>
    public static async Task<(LogoImage? Logo, string? Error)> ReadAsync(IFormFile file, CancellationToken ct)
    {
        if (file.Length == 0)
        {
            return (null, "The file is empty.");
        }
        if (file.Length > MaxBytes)
        {
            return (null, $"The logo is {file.Length / 1024:N0} KB; the most is {MaxBytes / 1024} KB.");
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        using var data = SKData.CreateCopy(buffer.ToArray());
        using var codec = SKCodec.Create(data);
        if (codec is null || !Accepted.Contains(codec.EncodedFormat))
        {
            return (null, "This file is not a PNG, JPEG or WebP image.");
        }
        // The header's size is checked before decoding, so a small file cannot unpack into a huge bitmap.
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width < 1 || height < 1 || width > MaxSide || height > MaxSide)
        {
            return (null, $"The logo is {width}×{height} pixels; the most is {MaxSide}×{MaxSide}.");
        }
        using var raw = SKBitmap.Decode(codec, codec.Info.WithColorType(SKColorType.Rgba8888).WithAlphaType(SKAlphaType.Premul));
        if (raw is null)
        {
            return (null, "This image is damaged and cannot be read.");
        }
        // A phone's photo says which way up it is in its metadata, which re-encoding drops: turn the pixels instead.
        using var decoded = Upright(raw, codec.EncodedOrigin);
        (width, height) = (decoded.Width, decoded.Height);
        var scale = Math.Min(1.0, (double)StoredSide / Math.Max(width, height));
        var size = new SKSizeI(Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
        using var fitted = size.Width == width && size.Height == height
            ? decoded.Copy()
            : decoded.Resize(size, new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var png = fitted?.Encode(SKEncodedImageFormat.Png, 100);
        return png is null
            ? (null, "This image is damaged and cannot be read.")
            : (new LogoImage(png.ToArray(), size.Width, size.Height), null);
    }

    private static SKBitmap Upright(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        var (w, h) = ((float)bitmap.Width, (float)bitmap.Height);
        // Where each source pixel (x, y) goes: x' = ScaleX·x + SkewX·y + TransX, y' = SkewY·x + ScaleY·y + TransY.
        SKMatrix? turn = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => null,
        };
        if (turn is null)
        {
            return bitmap.Copy();
        }
        var sideways = origin >= SKEncodedOrigin.LeftTop;
        var upright = new SKBitmap(sideways ? bitmap.Height : bitmap.Width, sideways ? bitmap.Width : bitmap.Height,
            SKColorType.Rgba8888, SKAlphaType.Premul);
        using var canvas = new SKCanvas(upright);
        canvas.Clear(SKColors.Transparent);
        canvas.SetMatrix(turn.Value);
        canvas.DrawBitmap(bitmap, 0, 0, SKSamplingOptions.Default);
        return upright;
    }
}
