using System.Globalization;
using System.Text;

namespace Undersigned.Features.Delivery;

/// <summary>
/// The essentials of the Unicode bidirectional algorithm (UAX #9) for the plain text of names and comments: the
/// paragraph's direction from its first strong character (P2, P3), the weak and neutral rules (W1-W7, N1, N2) and
/// the levels (I1, I2), then the visual order of runs (L2). It leaves out explicit embeddings, overrides and
/// isolates (X1-X10), which a signer's name has no business carrying, and classifies characters by their Unicode
/// block and category, since .NET publishes no bidi class; the right-to-left blocks are listed below.
/// </summary>
internal static class Bidi
{
    private enum Kind : byte { L, R, AL, EN, AN, ES, ET, CS, NSM, WS, ON }

    /// <summary>Rules P2 and P3: whether the first strong character is right-to-left.</summary>
    public static bool IsRightToLeft(ReadOnlySpan<char> text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            switch (KindOf(rune))
            {
                case Kind.L: return false;
                case Kind.R or Kind.AL: return true;
            }
        }
        return false;
    }

    /// <summary>The embedding level of each UTF-16 unit of the paragraph: even left-to-right, odd right-to-left.</summary>
    public static byte[] Levels(ReadOnlySpan<char> text, bool rightToLeft)
    {
        var n = text.Length;
        var kinds = new Kind[n];
        for (var i = 0; i < n;)
        {
            Rune.DecodeFromUtf16(text[i..], out var rune, out var length);
            kinds.AsSpan(i, length).Fill(KindOf(rune));
            i += length;
        }
        var outside = rightToLeft ? Kind.R : Kind.L;
        Weak(kinds, outside);
        Neutral(kinds, outside);
        var levels = new byte[n];
        var paragraph = (byte)(rightToLeft ? 1 : 0);
        for (var i = 0; i < n; i++)
        {
            levels[i] = (kinds[i], rightToLeft) switch
            {
                (Kind.L, false) or (Kind.R, true) => paragraph,
                (Kind.EN or Kind.AN, false) => 2,
                _ => (byte)(paragraph + 1),
            };
        }
        return levels;
    }

    /// <summary>Rule L2: the runs of a line from left to right, given each run's level, runs being in logical order.</summary>
    public static int[] VisualOrder(IReadOnlyList<byte> levels)
    {
        var order = Enumerable.Range(0, levels.Count).ToArray();
        if (levels.Count == 0)
        {
            return order;
        }
        var highest = levels.Max();
        var lowestOdd = levels.Min() | 1;
        for (var level = highest; level >= lowestOdd; level--)
        {
            for (var start = 0; start < order.Length; start++)
            {
                if (levels[order[start]] < level)
                {
                    continue;
                }
                var end = start;
                while (end + 1 < order.Length && levels[order[end + 1]] >= level)
                {
                    end++;
                }
                Array.Reverse(order, start, end - start + 1);
                start = end;
            }
        }
        return order;
    }

    private static void Weak(Kind[] kinds, Kind outside)
    {
        var previous = outside;
        var strong = outside;
        for (var i = 0; i < kinds.Length; i++)
        {
            var kind = kinds[i] == Kind.NSM ? previous : kinds[i]; // W1
            if (kind is Kind.L or Kind.R or Kind.AL)
            {
                strong = kind;
            }
            if (kind == Kind.EN && strong == Kind.AL)
            {
                kind = Kind.AN; // W2
            }
            kinds[i] = kind == Kind.AL ? Kind.R : kind; // W3
            previous = kind;
        }
        for (var i = 1; i + 1 < kinds.Length; i++) // W4: one separator inside a number
        {
            if (kinds[i - 1] == kinds[i + 1] && (kinds[i], kinds[i - 1]) is (Kind.ES, Kind.EN) or (Kind.CS, Kind.EN) or (Kind.CS, Kind.AN))
            {
                kinds[i] = kinds[i - 1];
            }
        }
        for (var i = 0; i < kinds.Length; i++) // W5: currency and percent signs beside a number
        {
            if (kinds[i] != Kind.ET)
            {
                continue;
            }
            var end = i;
            while (end < kinds.Length && kinds[end] == Kind.ET)
            {
                end++;
            }
            var number = (i > 0 && kinds[i - 1] == Kind.EN) || (end < kinds.Length && kinds[end] == Kind.EN);
            kinds.AsSpan(i, end - i).Fill(number ? Kind.EN : Kind.ON); // W6 for the others
            i = end - 1;
        }
        strong = outside;
        for (var i = 0; i < kinds.Length; i++)
        {
            kinds[i] = kinds[i] switch
            {
                Kind.ES or Kind.CS => Kind.ON, // W6
                Kind.EN when strong == Kind.L => Kind.L, // W7
                var kind => kind,
            };
            if (kinds[i] is Kind.L or Kind.R)
            {
                strong = kinds[i];
            }
        }
    }

    /// <summary>N1, N2: spaces and punctuation take the direction on both sides of them when it agrees, else the paragraph's.</summary>
    private static void Neutral(Kind[] kinds, Kind outside)
    {
        for (var i = 0; i < kinds.Length; i++)
        {
            if (kinds[i] is not (Kind.WS or Kind.ON))
            {
                continue;
            }
            var end = i;
            while (end < kinds.Length && kinds[end] is Kind.WS or Kind.ON)
            {
                end++;
            }
            var before = i == 0 ? outside : Direction(kinds[i - 1]);
            var after = end == kinds.Length ? outside : Direction(kinds[end]);
            kinds.AsSpan(i, end - i).Fill(before == after ? before : outside);
            i = end - 1;
        }
    }

    private static Kind Direction(Kind kind) => kind == Kind.L ? Kind.L : Kind.R;

    private static Kind KindOf(Rune rune)
    {
        var value = rune.Value;
        var category = Rune.GetUnicodeCategory(rune);
        return value switch
        {
            0x200E => Kind.L,
            0x200F => Kind.R,
            0x061C => Kind.AL,
            _ when category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format => Kind.NSM,
            >= 0x0660 and <= 0x0669 or 0x066B or 0x066C => Kind.AN,
            _ when category == UnicodeCategory.DecimalDigitNumber => Kind.EN,
            0x060C => Kind.CS,
            0x066A => Kind.ET,
            // Hebrew, NKo, Samaritan, Mandaic, Hebrew presentation forms, the historic scripts of the SMP, Adlam.
            >= 0x0590 and <= 0x05FF or >= 0x07C0 and <= 0x085F or >= 0xFB1D and <= 0xFB4F
                or >= 0x10800 and <= 0x10FFF or >= 0x1E800 and <= 0x1EDFF => Kind.R,
            // Arabic, Syriac, Thaana and their supplements and presentation forms.
            >= 0x0600 and <= 0x07BF or >= 0x0860 and <= 0x08FF or >= 0xFB50 and <= 0xFDFF or >= 0xFE70 and <= 0xFEFF
                or >= 0x1EE00 and <= 0x1EEFF => Kind.AL,
            '+' or '-' or 0x2212 => Kind.ES,
            ',' or '.' or ':' or '/' or 0xA0 => Kind.CS,
            '#' or '$' or '%' or 0xB0 or >= 0xA2 and <= 0xA5 or >= 0x20A0 and <= 0x20CF or >= 0x2030 and <= 0x2034 => Kind.ET,
            _ when category == UnicodeCategory.SpaceSeparator || value == '\t' => Kind.WS,
            _ when Rune.IsLetter(rune) || category is UnicodeCategory.SpacingCombiningMark or UnicodeCategory.LetterNumber => Kind.L,
            _ => Kind.ON,
        };
    }
}
