using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;

namespace Undersigned.Features.Staff;

/// <summary>
/// Staff sign-ins live in the database (<see cref="StaffSession"/>), not in the cookie: the cookie carries a random
/// key, each staff request looks its row up by the key's hash (one indexed read), and a deleted row is a session
/// ended on every instance at once. A copied cookie is worth nothing after logout.
/// </summary>
public sealed class StaffSessionStore(IServiceScopeFactory scopes, TimeProvider clock) : ITicketStore
{
    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UndersignedDb>();
        // Sign-ins are rare, so this is where sessions that ran out are cleared.
        await db.StaffSessions.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync();
        db.StaffSessions.Add(new StaffSession
        {
            UserId = UserIdOf(ticket), KeyHash = Hash(key), Ticket = TicketSerializer.Default.Serialize(ticket),
            CreatedAt = now, ExpiresAt = ExpiresAt(ticket, now),
        });
        await db.SaveChangesAsync();
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        var (hash, userId, bytes) = (Hash(key), UserIdOf(ticket), TicketSerializer.Default.Serialize(ticket));
        var expires = ExpiresAt(ticket, clock.GetUtcNow().UtcDateTime);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UndersignedDb>();
        // Only a session that still exists is renewed, so a request in flight when it ended cannot bring it back.
        var renewed = await db.StaffSessions.Where(s => s.KeyHash == hash && s.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Ticket, bytes).SetProperty(x => x.ExpiresAt, expires));
        if (renewed == 0)
        {
            // Someone else logging in over a live session: that session ends rather than passing its key on.
            await db.StaffSessions.Where(s => s.KeyHash == hash).ExecuteDeleteAsync();
        }
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var (hash, now) = (Hash(key), clock.GetUtcNow().UtcDateTime);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UndersignedDb>();
        var row = await db.StaffSessions.AsNoTracking().Where(s => s.KeyHash == hash && s.ExpiresAt > now)
            .Select(s => new { s.Id, s.Ticket }).SingleOrDefaultAsync();
        var ticket = row is null ? null : TicketSerializer.Default.Deserialize(row.Ticket);
        if (ticket?.Principal.Identity is ClaimsIdentity identity)
        {
            foreach (var stale in identity.FindAll(StaffSessions.Claim).ToList())
            {
                identity.RemoveClaim(stale);
            }
            identity.AddClaim(new Claim(StaffSessions.Claim, row!.Id.ToString(CultureInfo.InvariantCulture)));
        }
        return ticket;
    }

    public async Task RemoveAsync(string key)
    {
        var hash = Hash(key);
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UndersignedDb>().StaffSessions
            .Where(s => s.KeyHash == hash).ExecuteDeleteAsync();
    }

    private static byte[] Hash(string key) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key));

    private static int UserIdOf(AuthenticationTicket ticket) =>
        int.Parse(ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("A staff sign-in without a user id."), CultureInfo.InvariantCulture);

    private static DateTime ExpiresAt(AuthenticationTicket ticket, DateTime now) =>
        ticket.Properties.ExpiresUtc?.UtcDateTime ?? now.AddHours(8);
}
