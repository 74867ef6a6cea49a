using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Undersigned.Data;
using Undersigned.Features.Signing;

namespace Undersigned.Features.Moderation;

public sealed record DryRun(int Matched, int Changeable, IReadOnlyList<ReviewedSigner> Sample)
{
    public double Share => Changeable == 0 ? 0 : (double)Matched / Changeable;
}

/// <summary>
/// Invalidating a petition's signatures by criteria: a dry run that changes nothing, a job that staff start and
/// may cancel, and its steps, one batch each, taken by <see cref="InvalidationRunner"/> on any instance. Each step
/// moves its batch through <see cref="SignatureMoves"/> in one transaction with the job's progress, so counts drop
/// exactly, even for signatures confirmed while the job runs, and two instances stepping one job change each
/// signature once. Only signatures that existed when the job was asked for are part of it (<see cref="InvalidationJob.UpToId"/>).
/// </summary>
public sealed class Invalidations(UndersignedDb db, IOptions<ModerationOptions> options, TimeProvider clock)
{
    public const int SampleSize = 20;

    public async Task<DryRun> DryRunAsync(int petitionId, SignatureCriteria criteria, CancellationToken ct)
    {
        var matching = criteria.Apply(db, petitionId);
        var matched = await matching.CountAsync(ct);
        var changeable = await SignatureCriteria.Empty.Apply(db, petitionId).CountAsync(ct);
        var sample = await matching.OrderBy(s => s.Id).Take(SampleSize)
            .Select(s => new ReviewedSigner(s.Id, s.FirstName, s.LastName, s.Email, s.PostalCode, s.Country, s.CreatedAt))
            .ToListAsync(ct);
        return new DryRun(matched, changeable, sample);
    }

    /// <summary>Whether the staff member may invalidate this share of a petition (<see cref="ModerationOptions.OrganizerShareLimit"/>).</summary>
    public bool MayInvalidate(DryRun run, bool isAdmin) => isAdmin || run.Share <= options.Value.OrganizerShareLimit;

    public async Task<InvalidationJob> StartAsync(int petitionId, SignatureCriteria criteria, int matched, string staffEmail,
        string reason, CancellationToken ct)
    {
        var upTo = await db.Signatures.Where(s => s.PetitionId == petitionId).MaxAsync(s => (long?)s.Id, ct) ?? 0;
        var job = new InvalidationJob
        {
            PetitionId = petitionId, Criteria = criteria.ToJson(), Reason = reason, RequestedBy = staffEmail,
            RequestedAt = clock.GetUtcNow().UtcDateTime, State = InvalidationState.Queued, Matched = matched, UpToId = upTo,
        };
        db.InvalidationJobs.Add(job);
        await db.SaveChangesAsync(ct);
        return job;
    }

    /// <summary>Asks a job to stop after the batch it is on; false if it had already finished.</summary>
    public Task<int> CancelAsync(int petitionId, long jobId, string staffEmail, CancellationToken ct) =>
        db.InvalidationJobs
            .Where(j => j.Id == jobId && j.PetitionId == petitionId && (j.State == InvalidationState.Queued || j.State == InvalidationState.Running) && !j.CancelRequested)
            .ExecuteUpdateAsync(j => j.SetProperty(x => x.CancelRequested, true).SetProperty(x => x.CancelledBy, staffEmail), ct);

    public Task<List<InvalidationJob>> OfPetitionAsync(int petitionId, CancellationToken ct) =>
        db.InvalidationJobs.AsNoTracking().Where(j => j.PetitionId == petitionId).OrderByDescending(j => j.Id).Take(20).ToListAsync(ct);

    /// <summary>The oldest job still to carry out, if any.</summary>
    public Task<long?> NextAsync(CancellationToken ct) =>
        db.InvalidationJobs.Where(j => j.State == InvalidationState.Queued || j.State == InvalidationState.Running)
            .OrderBy(j => j.Id).Select(j => (long?)j.Id).FirstOrDefaultAsync(ct);

    /// <summary>Carries out one batch of the job; false once it is done or cancelled (or not there).</summary>
    public async Task<bool> StepAsync(long jobId, CancellationToken ct)
    {
        var job = await db.InvalidationJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null || job.State is InvalidationState.Done or InvalidationState.Cancelled)
        {
            return false;
        }
        if (job.CancelRequested)
        {
            await FinishAsync(job, InvalidationState.Cancelled, ct);
            return false;
        }
        var (after, upTo) = (job.LastId, job.UpToId);
        var ids = await SignatureCriteria.FromJson(job.Criteria).Apply(db, job.PetitionId)
            .Where(s => s.Id > after && s.Id <= upTo).OrderBy(s => s.Id).Take(options.Value.InvalidationBatchSize)
            .Select(s => s.Id).ToListAsync(ct);
        if (ids.Count == 0)
        {
            await FinishAsync(job, InvalidationState.Done, ct);
            return false;
        }
        var last = ids[^1];
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var moved = await SignatureMoves.MoveAsync(db, ids, SignatureStatus.Invalidated, ct);
        await db.InvalidationJobs.Where(j => j.Id == jobId && (j.State == InvalidationState.Queued || j.State == InvalidationState.Running))
            .ExecuteUpdateAsync(j => j
                .SetProperty(x => x.LastId, x => x.LastId < last ? last : x.LastId)
                .SetProperty(x => x.Invalidated, x => x.Invalidated + moved)
                .SetProperty(x => x.State, InvalidationState.Running), ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Ends the job once, on whichever instance gets there first, and writes the moderation log.</summary>
    private async Task FinishAsync(InvalidationJob job, InvalidationState state, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var ended = await db.InvalidationJobs
            .Where(j => j.Id == job.Id && (j.State == InvalidationState.Queued || j.State == InvalidationState.Running))
            .ExecuteUpdateAsync(j => j.SetProperty(x => x.State, state).SetProperty(x => x.FinishedAt, now), ct);
        if (ended == 1)
        {
            var count = await db.InvalidationJobs.Where(j => j.Id == job.Id).Select(j => j.Invalidated).SingleAsync(ct);
            var criteria = SignatureCriteria.FromJson(job.Criteria).Describe();
            ModerationLog.Add(db, job.PetitionId,
                state == InvalidationState.Done ? ModerationAction.Invalidated : ModerationAction.InvalidationCancelled,
                state == InvalidationState.Done ? job.RequestedBy : job.CancelledBy ?? job.RequestedBy,
                criteria, count, job.Reason, now);
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }
}
