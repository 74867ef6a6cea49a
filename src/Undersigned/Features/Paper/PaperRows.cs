using Undersigned.Features.Signing;

namespace Undersigned.Features.Paper;

/// <summary>
/// The values of a new signature row for a paper signature: the online columns (<see cref="SignatureRows.Columns"/>)
/// and the batch it came in. A column added to the online ones must be given its paper value here, or every
/// import fails loudly in the tests rather than writing a wrong default.
/// </summary>
public static class PaperRows
{
    public const string Source = "paper";

    public static readonly string[] Columns = [.. SignatureRows.Columns, "paper_batch_id"];

    public static object?[] Values(int petitionId, long batchId, string locale, PaperRow row, DateTime now)
    {
        var s = row.Signature!;
        return Columns.Select(column => column switch
        {
            "petition_id" => petitionId,
            "first_name" => s.FirstName,
            "last_name" => s.LastName,
            "email" => s.Email,
            "normalized_email" => row.NormalizedEmail(batchId),
            "postal_code" => s.PostalCode,
            "country" => s.Country,
            "comment" => null,
            "show_name_publicly" => false,
            "wants_updates" => s.WantsUpdates,
            "locale" => locale,
            "created_at" => now,
            // Staff vouch for a sheet: it counts at once, and no confirmation email is sent.
            "status" => nameof(Data.SignatureStatus.Counted),
            "confirmed_at" => now,
            "confirmation_requested_at" => null,
            "confirmation_requests" => 0,
            "held_for_review" => false,
            "review_flags" => null,
            "source" => Source,
            "source_organization_id" => null,
            "hold_reason" => null,
            "burst_id" => null,
            "paper_batch_id" => batchId,
            _ => (object?)Unknown(column),
        }).ToArray();
    }

    private static object Unknown(string column) =>
        throw new InvalidOperationException($"The signature column {column} has no value for paper signatures (PaperRows).");
}
