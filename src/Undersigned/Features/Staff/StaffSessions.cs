using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;

namespace Undersigned.Features.Staff;

/// <summary>
/// Ending sessions: a changed password, two-factor turned on or off and a changed role end every other session
/// of the account, so a browser left signed in somewhere (or a copied cookie) loses its access at once.
/// </summary>
public static class StaffSessions
{
    /// <summary>The claim naming the session a request belongs to, added as the session is read.</summary>
    public const string Claim = "undersigned:session";

    public static long? SessionId(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(Claim), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>Ends every session of the account except the one <paramref name="current"/> belongs to.</summary>
    public static Task<int> EndOtherSessionsAsync(this UndersignedDb db, int userId, ClaimsPrincipal current)
    {
        var keep = current.SessionId() ?? 0;
        return db.StaffSessions.Where(s => s.UserId == userId && s.Id != keep).ExecuteDeleteAsync();
    }

    public static Task<int> EndAllSessionsAsync(this UndersignedDb db, int userId) =>
        db.StaffSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync();
}
