using Undersigned.Data;

namespace Undersigned.Features.Moderation;

/// <summary>
/// Writes the moderation log (<see cref="ModerationEntry"/>): every review decision, invalidation and paper import
/// or undo, with who, when, what, how many and why. Callers add the entry in the transaction that made the change,
/// so the log and the counts cannot disagree. Nothing updates or deletes an entry.
/// </summary>
public static class ModerationLog
{
    public static ModerationEntry Add(UndersignedDb db, int petitionId, ModerationAction action, string staffEmail,
        string criteria, int count, string reason, DateTime at)
    {
        var entry = new ModerationEntry
        {
            PetitionId = petitionId, Action = action, StaffEmail = staffEmail, At = at,
            Criteria = criteria.Length > 2000 ? criteria[..2000] : criteria, Count = count,
            Reason = reason.Length > 1000 ? reason[..1000] : reason,
        };
        db.ModerationEntries.Add(entry);
        return entry;
    }
}
