using Undersigned.Data;
using Undersigned.Features.Signing;

namespace Undersigned.Features.Paper;

/// <summary>
/// One line of a sheet, checked with the online form's rules (<see cref="SignatureRules"/>) and a few of its own:
/// the email is optional, yes/no columns must say yes or no, and no cell may start like a spreadsheet formula.
/// </summary>
/// <param name="Signature">The row as it would be stored, or null when it has <paramref name="Errors"/>.</param>
/// <param name="SharedWith">The sponsors whose column says yes.</param>
public sealed record PaperRow(int Line, ValidSignature? Signature, IReadOnlyList<int> SharedWith, IReadOnlyList<string> Errors)
{
    public bool HasEmail => Signature is { Email.Length: > 0 };

    public static PaperRow Read(PaperSheet sheet, int line, string?[] record)
    {
        var errors = new List<string>();
        foreach (var (field, column) in sheet.Columns)
        {
            if (column < record.Length && LooksLikeFormula(record[column]))
            {
                errors.Add($"{Label(field)}: starts with =, +, - or @, like a spreadsheet formula. Type the value itself.");
            }
        }
        var mayEmail = YesNo(sheet.Cell(record, PaperSheet.MayEmail), PaperSheet.MayEmail, errors);
        var shared = new List<int>();
        foreach (var (organization, column) in sheet.Shares)
        {
            if (YesNo(column < record.Length ? record[column] : null, PaperSheet.SharePrefix + organization.Slug, errors))
            {
                shared.Add(organization.Id);
            }
        }
        var form = new SignForm
        {
            FirstName = sheet.Cell(record, PaperSheet.FirstName),
            LastName = sheet.Cell(record, PaperSheet.LastName),
            PostalCode = sheet.Cell(record, PaperSheet.PostalCode),
            Country = sheet.Cell(record, PaperSheet.Country),
            Email = sheet.Cell(record, PaperSheet.Email),
        };
        var (signature, ruleErrors) = SignatureRules.Validate(form, emailOptional: true);
        errors.AddRange(ruleErrors.Select(e => $"{Label(e.Key)}: {e.Value}"));
        if (signature is not null && mayEmail && signature.Email.Length == 0)
        {
            errors.Add($"{Label(PaperSheet.MayEmail)}: says yes, but the row has no email address.");
        }
        return errors.Count > 0 || signature is null
            ? new PaperRow(line, null, [], errors)
            : new PaperRow(line, signature with { WantsUpdates = mayEmail }, shared, []);
    }

    /// <summary>
    /// The uniqueness key of the stored row: the address where there is one, else a key no address can have,
    /// unique to the batch and line (a sheet without addresses cannot be matched against anyone).
    /// </summary>
    public string NormalizedEmail(long batchId) =>
        HasEmail ? Signature!.NormalizedEmail : FormattableString.Invariant($"paper:{batchId}:{Line}");

    private static bool LooksLikeFormula(string? cell) =>
        cell?.TrimStart(' ') is { Length: > 0 } c && c[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    private static bool YesNo(string? cell, string field, List<string> errors)
    {
        switch (cell?.Trim().ToLowerInvariant())
        {
            case null or "" or "no" or "n" or "false" or "0":
                return false;
            case "yes" or "y" or "true" or "1" or "x" or "sí" or "si":
                return true;
            default:
                errors.Add($"{field}: write yes or no (or leave it empty for no).");
                return false;
        }
    }

    private static string Label(string field) => field switch
    {
        nameof(SignForm.FirstName) or PaperSheet.FirstName => PaperSheet.FirstName,
        nameof(SignForm.LastName) or PaperSheet.LastName => PaperSheet.LastName,
        nameof(SignForm.PostalCode) or PaperSheet.PostalCode => PaperSheet.PostalCode,
        nameof(SignForm.Country) or PaperSheet.Country => PaperSheet.Country,
        nameof(SignForm.Email) or PaperSheet.Email => PaperSheet.Email,
        _ => field,
    };
}
