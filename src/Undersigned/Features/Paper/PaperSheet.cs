using System.Globalization;
using System.Text;
using CsvHelper;
using Undersigned.Features.Petitions;

namespace Undersigned.Features.Paper;

/// <summary>
/// A signature sheet batch as a CSV file (UTF-8, comma or semicolon separated, first line the column names): the
/// columns it must have, the ones it may have, and its rows read one at a time, so a sheet of any length is read
/// in the same memory. Column names are matched without regard to case, spaces, hyphens or underscores
/// ("First name" is <c>first_name</c>). See docs/moderation.md ("Paper signatures").
/// </summary>
public sealed class PaperSheet
{
    /// <summary>The largest sheet accepted: about 150,000 rows of a typical sheet. Bigger batches are split.</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    public const string FirstName = "first_name";
    public const string LastName = "last_name";
    public const string PostalCode = "postal_code";
    public const string Country = "country";
    public const string Email = "email";
    public const string MayEmail = "may_email";

    /// <summary>A per-partner column: <c>share_{organization slug}</c>, yes where the signer ticked that box on the sheet.</summary>
    public const string SharePrefix = "share_";

    public static readonly string[] Required = [FirstName, LastName, PostalCode, Country];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["firstname"] = FirstName, ["lastname"] = LastName, ["postalcode"] = PostalCode, ["zip"] = PostalCode,
        ["zipcode"] = PostalCode, ["postcode"] = PostalCode, ["country"] = Country, ["email"] = Email,
        ["emailaddress"] = Email, ["mayemail"] = MayEmail, ["mayemailme"] = MayEmail,
    };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The column of each field, by position in the header.</summary>
    public required IReadOnlyDictionary<string, int> Columns { get; init; }

    /// <summary>The partner columns: organization id and position.</summary>
    public required IReadOnlyList<(OrganizationRef Organization, int Column)> Shares { get; init; }

    /// <summary>Why the file cannot be read as a sheet at all (not its rows), or null.</summary>
    public static string? CheckBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0)
        {
            return "The file is empty.";
        }
        if (bytes.Length > MaxBytes)
        {
            return "The file is larger than 10 MB: split the batch into smaller sheets.";
        }
        try
        {
            StrictUtf8.GetCharCount(bytes);
        }
        catch (DecoderFallbackException)
        {
            return "The file is not UTF-8 text. In your spreadsheet, save it as \u201cCSV UTF-8\u201d and upload it again.";
        }
        return bytes.IndexOf((byte)0) >= 0 ? "The file holds binary data, not a CSV sheet." : null;
    }

    /// <summary>
    /// Reads the header and then every row, calling <paramref name="row"/> with the line number and the row's
    /// cells. Returns the sheet's problem (wrong columns) before any row is read, or null.
    /// </summary>
    public static string? Read(byte[] bytes, IReadOnlyList<OrganizationRef> sponsors, Action<PaperSheet, int, string?[]> row)
    {
        var options = CsvReaderOptions.Default with
        {
            HasHeader = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            TrackLineNumbers = true,
            MaxRecordSize = 64 * 1024,
            IncludeValuesInExceptions = false,
            PoolStrings = false,
        };
        using var reader = CsvReader.Create(bytes, options);
        try
        {
            var (sheet, problem) = Header(reader.Headers, sponsors);
            if (sheet is null)
            {
                return problem;
            }
            while (reader.Read())
            {
                var record = new string?[reader.FieldCount];
                for (var i = 0; i < record.Length; i++)
                {
                    record[i] = reader.GetString(i);
                }
                if (!record.All(string.IsNullOrWhiteSpace)) // a blank line at the end of a sheet
                {
                    row(sheet, (int)reader.LineNumber, record);
                }
            }
            return null;
        }
        catch (CsvFormatException e)
        {
            return $"Record {e.RecordNumber} of the file has broken quoting (a quotation mark out of place, or one never closed). "
                   + "Fix the file and upload it again.";
        }
    }

    /// <summary>The cell of <paramref name="field"/> in a row, or null when the sheet has no such column.</summary>
    public string? Cell(string?[] record, string field) =>
        Columns.TryGetValue(field, out var i) && i < record.Length ? record[i] : null;

    private static (PaperSheet?, string?) Header(IReadOnlyList<string> names, IReadOnlyList<OrganizationRef> sponsors)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var shares = new List<(OrganizationRef, int)>();
        var unknown = new List<string>();
        for (var i = 0; i < names.Count; i++)
        {
            var typed = names[i].Trim().TrimStart('\uFEFF');
            var key = Key(typed);
            if (key.Length == 0)
            {
                continue;
            }
            if (key.StartsWith("share", StringComparison.Ordinal) && key.Length > 5)
            {
                var partner = sponsors.FirstOrDefault(o => Key(o.Slug) == key[5..]);
                if (partner is null)
                {
                    return (null, $"The column \u201c{Shown(typed)}\u201d names no sponsor of this petition. Partner columns are share_ and a sponsor's slug: "
                                  + string.Join(", ", sponsors.Select(o => SharePrefix + o.Slug)) + ".");
                }
                shares.Add((partner, i));
                continue;
            }
            if (!Aliases.TryGetValue(key, out var field))
            {
                unknown.Add(Shown(typed));
            }
            else if (!columns.TryAdd(field, i))
            {
                return (null, $"The column {field} appears twice.");
            }
        }
        if (unknown.Count > 0)
        {
            return (null, $"The sheet has columns this import does not know: {string.Join(", ", unknown.Select(u => $"\u201c{u}\u201d"))}. "
                          + $"The columns are {string.Join(", ", Required)}, and optionally {Email}, {MayEmail} and share_ with a sponsor's slug.");
        }
        var missing = Required.Where(r => !columns.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            return (null, $"The sheet is missing the column{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)}. "
                          + $"Its first line must name the columns {string.Join(", ", Required)} (and optionally {Email}, {MayEmail}).");
        }
        return (new PaperSheet { Columns = columns, Shares = shares }, null);
    }

    /// <summary>A column name reduced for matching: lower case, letters and digits only.</summary>
    private static string Key(string name) =>
        new(name.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());

    /// <summary>A typed column name fit to quote back: no control characters, at most 40 characters.</summary>
    private static string Shown(string name)
    {
        var clean = new string(name.Where(c => !char.IsControl(c)).ToArray());
        return clean.Length > 40 ? clean[..40] + "\u2026" : clean;
    }
}
