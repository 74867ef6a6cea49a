using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Features.Signing;

namespace Undersigned.Features.Moderation;

/// <summary>Why the signatures of a review group are there.</summary>
public enum ReviewGroupKind
{
    /// <summary>Held in one burst over the per-network-address limit.</summary>
    Burst,

    /// <summary>Held over the per-email-domain limit, all bursts of one domain together.</summary>
    Domain,

    /// <summary>Counted, but flagged: the form came back sooner than a person types.</summary>
    TooFast,

    /// <summary>Held before holds recorded why.</summary>
    Earlier,
}

public sealed record ReviewGroup(ReviewGroupKind Kind, string Key, int Size, DateTime First, DateTime Last, long UpToId,
    IReadOnlyList<ReviewedSigner> Sample);

public sealed record ReviewedSigner(long Id, string FirstName, string LastName, string Email, string? PostalCode,
    string Country, DateTime SignedAt);

/// <summary>
/// The review queue of a petition: its held signatures grouped by why they were held (the burst, the email domain),
/// and the counted ones flagged as sent too fast; and the decisions on a whole group or one signature. A decision
/// moves rows through <see cref="SignatureMoves"/>, so two staff approving one group at once count it once, and
/// is written to the moderation log in the same transaction.
/// </summary>
public sealed class ReviewQueue(UndersignedDb db, TimeProvider clock)
{
    public const int SampleSize = 5;

    public async Task<List<ReviewGroup>> GroupsAsync(int petitionId, CancellationToken ct)
    {
        var held = db.Signatures.Where(s => s.PetitionId == petitionId && s.Status == SignatureStatus.Held);
        var bursts = await held.Where(s => s.HoldReason == HoldReason.Address || s.HoldReason == null)
            .GroupBy(s => s.BurstId)
            .Select(g => new { Key = g.Key, Size = g.Count(), First = g.Min(s => s.CreatedAt), Last = g.Max(s => s.CreatedAt), UpTo = g.Max(s => s.Id) })
            .ToListAsync(ct);
#pragma warning disable CA1866 // EF Core translates IndexOf(string) to SQL on both databases
        var domains = await held.Where(s => s.HoldReason == HoldReason.Domain)
            .GroupBy(s => s.NormalizedEmail.Substring(s.NormalizedEmail.IndexOf("@") + 1))
            .Select(g => new { Key = g.Key, Size = g.Count(), First = g.Min(s => s.CreatedAt), Last = g.Max(s => s.CreatedAt), UpTo = g.Max(s => s.Id) })
            .ToListAsync(ct);
#pragma warning restore CA1866
        var tooFast = await InGroup(petitionId, ReviewGroupKind.TooFast, "")
            .GroupBy(s => 1)
            .Select(g => new { Size = g.Count(), First = g.Min(s => s.CreatedAt), Last = g.Max(s => s.CreatedAt), UpTo = g.Max(s => s.Id) })
            .ToListAsync(ct);

        var groups = new List<(ReviewGroupKind Kind, string Key, int Size, DateTime First, DateTime Last, long UpTo)>();
        groups.AddRange(bursts.Select(b => (b.Key is null ? ReviewGroupKind.Earlier : ReviewGroupKind.Burst, b.Key ?? "", b.Size, b.First, b.Last, b.UpTo)));
        groups.AddRange(domains.Select(d => (ReviewGroupKind.Domain, d.Key, d.Size, d.First, d.Last, d.UpTo)));
        groups.AddRange(tooFast.Select(t => (ReviewGroupKind.TooFast, "", t.Size, t.First, t.Last, t.UpTo)));
        var result = new List<ReviewGroup>();
        foreach (var g in groups.OrderByDescending(g => g.Size).ThenBy(g => g.First))
        {
            result.Add(new ReviewGroup(g.Kind, g.Key, g.Size, g.First, g.Last, g.UpTo,
                await SignersAsync(petitionId, g.Kind, g.Key, SampleSize, ct)));
        }
        return result;
    }

    /// <summary>The signatures of one group, oldest first.</summary>
    public Task<List<ReviewedSigner>> SignersAsync(int petitionId, ReviewGroupKind kind, string key, int take, CancellationToken ct) =>
        InGroup(petitionId, kind, key).OrderBy(s => s.Id).Take(take)
            .Select(s => new ReviewedSigner(s.Id, s.FirstName, s.LastName, s.Email, s.PostalCode, s.Country, s.CreatedAt))
            .ToListAsync(ct);

    /// <summary>The signatures a group holds now.</summary>
    public IQueryable<Signature> InGroup(int petitionId, ReviewGroupKind kind, string key)
    {
        var of = db.Signatures.Where(s => s.PetitionId == petitionId);
        var held = of.Where(s => s.Status == SignatureStatus.Held);
        return kind switch
        {
            ReviewGroupKind.Burst => held.Where(s => s.BurstId == key),
            ReviewGroupKind.Domain => held.Where(s => s.HoldReason == HoldReason.Domain && s.NormalizedEmail.EndsWith("@" + key)),
            ReviewGroupKind.Earlier => held.Where(s => s.BurstId == null && s.HoldReason == null),
            _ => of.Where(s => s.Status == SignatureStatus.Counted && s.ReviewFlags == ReviewFlags.TooFast),
        };
    }

    /// <summary>
    /// Approves (counts) or rejects (invalidates) the group's signatures up to <paramref name="upToId"/> (those the
    /// staff member saw), or only <paramref name="signatureId"/> of it. Returns how many this decision changed:
    /// 0 when someone else decided first.
    /// </summary>
    public async Task<int> DecideAsync(int petitionId, ReviewGroupKind kind, string key, long upToId, long? signatureId,
        bool approve, string staffEmail, string reason, CancellationToken ct)
    {
        var group = InGroup(petitionId, kind, key).Where(s => s.Id <= upToId);
        if (signatureId is { } one)
        {
            group = group.Where(s => s.Id == one);
        }
        var ids = await group.Select(s => s.Id).ToListAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var flagged = kind == ReviewGroupKind.TooFast;
        int changed;
        if (flagged && approve)
        {
            // Already counted: approving clears the flag, so the group leaves the queue.
            changed = await db.Signatures.Where(s => ids.Contains(s.Id) && s.Status == SignatureStatus.Counted && s.ReviewFlags == ReviewFlags.TooFast)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.ReviewFlags, (string?)null), ct);
        }
        else
        {
            var from = flagged ? SignatureStatus.Counted : SignatureStatus.Held;
            changed = await SignatureMoves.MoveAsync(db, ids, approve ? SignatureStatus.Counted : SignatureStatus.Invalidated, ct,
                onlyFrom: [from], also: approve ? "held_for_review = FALSE" : null);
        }
        if (changed > 0)
        {
            var what = Describe(kind, key) + (signatureId is { } id ? $", signature {id}" : $", signatures up to {upToId}");
            ModerationLog.Add(db, petitionId, approve ? ModerationAction.Approved : ModerationAction.Rejected, staffEmail,
                what, changed, reason, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return changed;
    }

    public static string Describe(ReviewGroupKind kind, string key) => kind switch
    {
        ReviewGroupKind.Burst => $"burst {key}",
        ReviewGroupKind.Domain => $"email domain {key} (held)",
        ReviewGroupKind.TooFast => "sent too fast (counted)",
        _ => "held before holds recorded why",
    };
}
