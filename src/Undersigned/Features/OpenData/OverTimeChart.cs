using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Undersigned.Features.OpenData;

/// <summary>
/// Signatures over time as an SVG area chart of the running total, drawn on the server: no script, no third-party
/// request. Axes carry the first and last times and three totals; the page shows the same figures as a table, which
/// is what a screen reader reads (the chart is an image with a one-sentence description).
/// </summary>
public static class OverTimeChart
{
    public const int Width = 640, Height = 260;
    private const int Left = 72, Right = 24, Top = 16, Bottom = 44;

    /// <summary>The SVG markup, or an empty string when nobody has signed yet.</summary>
    public static string Draw(IReadOnlyList<TimeCount> points, TimeBucket bucket, string description, CultureInfo culture)
    {
        if (points.Count == 0)
        {
            return "";
        }
        var first = points[0].Hour;
        var step = bucket == TimeBucket.Day ? TimeSpan.FromDays(1) : TimeSpan.FromHours(1);
        var last = points[^1].Hour + step;
        var top = NiceCeiling(points[^1].Cumulative);
        var span = Math.Max(1, (last - first).TotalSeconds);
        string X(DateTime t) => Number(Left + (Width - Left - Right) * (t - first).TotalSeconds / span);
        string Y(int count) => Number(Top + (Height - Top - Bottom) * (1 - (double)count / top));

        // A step line: the total stays level within a bucket and rises at its end.
        var line = new StringBuilder($"M{X(first)},{Y(0)}");
        foreach (var p in points)
        {
            line.Append($" L{X(p.Hour)},{Y(p.Cumulative - p.Count)} L{X(p.Hour + step)},{Y(p.Cumulative)}");
        }
        var area = $"{line} L{X(last)},{Y(0)} Z";

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg class="over-time-chart" viewBox="0 0 {Width} {Height}" role="img" aria-labelledby="over-time-desc" xmlns="http://www.w3.org/2000/svg">""");
        svg.Append($"""<title id="over-time-desc">{Encode(description)}</title>""");
        foreach (var tick in new[] { 0, top / 2, top })
        {
            svg.Append($"""<line class="grid" x1="{Left}" x2="{Width - Right}" y1="{Y(tick)}" y2="{Y(tick)}"/>""");
            svg.Append($"""<text class="y-label" x="{Left - 8}" y="{Y(tick)}" text-anchor="end" dominant-baseline="middle">{Encode(tick.ToString("N0", culture))}</text>""");
        }
        svg.Append($"""<path class="area" d="{area}"/><path class="line" d="{line}"/>""");
        var format = bucket == TimeBucket.Day || last - first > TimeSpan.FromDays(2) ? "d MMM" : "d MMM HH:mm";
        svg.Append($"""<text class="x-label" x="{Left}" y="{Height - 12}" text-anchor="start">{Encode(first.ToString(format, culture))}</text>""");
        svg.Append($"""<text class="x-label" x="{Width - Right}" y="{Height - 12}" text-anchor="end">{Encode(last.ToString(format, culture))} UTC</text>""");
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>The axis's top: the total rounded up to 1, 2 or 5 times a power of ten (at least 10).</summary>
    public static int NiceCeiling(int total)
    {
        var power = 1;
        while (true)
        {
            foreach (var m in new[] { 1, 2, 5 })
            {
                if ((long)m * power >= Math.Max(total, 10))
                {
                    return m * power;
                }
            }
            power *= 10;
        }
    }

    private static string Number(double value) => Math.Round(value, 1).ToString(CultureInfo.InvariantCulture);

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
