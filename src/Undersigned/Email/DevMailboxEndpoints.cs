using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;

namespace Undersigned.Email;

/// <summary><c>/dev/mail.json</c>: what the development mailbox caught, newest first. <c>/dev/mail</c> is its page.</summary>
public static class DevMailboxEndpoints
{
    public sealed record DevMailJson(string To, string Subject, string Text, string Html, DateTime SentAt);

    public static void MapDevMailbox(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/dev/mail.json", ListAsync).WithName("DevMailbox").ExcludeFromDescription();

    private static async Task<Ok<List<DevMailJson>>> ListAsync(UndersignedDb db, CancellationToken ct) =>
        TypedResults.Ok(await db.DevMailMessages.AsNoTracking().OrderByDescending(m => m.Id).Take(200)
            .Select(m => new DevMailJson(m.To, m.Subject, m.Text, m.Html, m.SentAt)).ToListAsync(ct));
}
