using Microsoft.EntityFrameworkCore;
using Undersigned.Data;

namespace Undersigned.Features.Partners;

/// <summary>One line of an organization's export log, as its dashboard shows it.</summary>
public sealed record ExportLogEntry(DateTime ExportedAt, string ExportedBy, ExportChannel Channel, int Rows, string PetitionSlug);

/// <summary>Every CSV download and API page that took signers, written as it happens and read on the dashboard.</summary>
public sealed class ExportLog(UndersignedDb db, TimeProvider clock)
{
    /// <summary>Records an export. Not cancellable: an aborted download is still recorded with what it sent.</summary>
    public async Task RecordAsync(Exporter exporter, ExportScope scope, ExportChannel channel, int rows)
    {
        db.SignerExports.Add(new SignerExport
        {
            OrganizationId = scope.OrganizationId,
            PetitionId = scope.PetitionId,
            ExportedBy = exporter.Name.Length > 300 ? exporter.Name[..300] : exporter.Name,
            StaffUserId = exporter.StaffUserId,
            ApiKeyId = exporter.ApiKeyId,
            Channel = channel,
            Rows = rows,
            ExportedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(CancellationToken.None);
    }

    public Task<List<ExportLogEntry>> RecentAsync(int organizationId, int take, CancellationToken ct) =>
        (from e in db.SignerExports.AsNoTracking()
         where e.OrganizationId == organizationId
         join p in db.Petitions on e.PetitionId equals p.Id
         orderby e.ExportedAt descending, e.Id descending
         select new ExportLogEntry(e.ExportedAt, e.ExportedBy, e.Channel, e.Rows, p.Slug))
        .Take(take).ToListAsync(ct);
}
