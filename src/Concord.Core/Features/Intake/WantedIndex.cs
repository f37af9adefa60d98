using Concord.Core.Domain;
using Concord.Core.Storage;
using Concord.Matching;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Intake;

/// <summary>
/// The wanted lists of the node as the matching index holds them. The database is the truth: the index covers every
/// list revision up to <see cref="Covers"/> and catches up on the records whose revision is newer (added, changed or
/// withdrawn since), masking the versions they replace.
/// </summary>
public sealed class WantedIndex
{
    private const string KeyPrefix = "w:";
    private readonly CompactIdentityIndex index;
    private readonly SemaphoreSlim catchUp = new(1, 1);

    private WantedIndex(CompactIdentityIndex index, long covers)
    {
        this.index = index;
        Covers = covers;
    }

    /// <summary>The last list revision the index holds; -1 before anything was read.</summary>
    public long Covers { get; private set; }

    public int Records => index.Count - index.MaskedCount;

    public sealed record Proposal(MatchProposal Match, Guid WantedPersonId);

    public static Task<WantedIndex> OpenAsync(ConcordDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return Task.FromResult(new WantedIndex(new CompactIdentityIndex(), -1));
    }

    /// <summary>Reads what changed in the lists since <see cref="Covers"/>; returns the number of records read.</summary>
    public async Task<int> CatchUpAsync(ConcordDbContext db, CancellationToken ct)
    {
        await catchUp.WaitAsync(ct);
        try
        {
            var latest = await Counters.CurrentAsync(db, Counters.WantedRevision, ct);
            if (latest <= Covers) return 0;
            var from = Covers;
            var changed = 0;
            var batch = new List<IdentityRecord>(4096);
            var query = db.WantedPersons.AsNoTracking()
                .Where(w => w.Revision > from && w.Revision <= latest)
                .Select(w => new { Columns = new IdentityRecords.Columns(w.Id, w.Name, w.NameLatin, w.Aliases, w.Sex, w.BirthDate, w.Nationality, w.IdType, w.IdNumber), w.Withdrawn });
            await foreach (var w in query.AsAsyncEnumerable().WithCancellation(ct))
            {
                var key = Key(w.Columns.Id);
                // A record seen before is replaced: its old version is masked, its new one (unless withdrawn) added.
                if (from >= 0)
                {
                    foreach (var ordinal in index.Find(key)) index.Mask(ordinal);
                }
                if (!w.Withdrawn) batch.Add(IdentityRecords.From(key, w.Columns));
                changed++;
                if (batch.Count == 4096)
                {
                    index.AddRange(batch);
                    batch.Clear();
                }
            }
            index.AddRange(batch);
            index.Freeze();
            Covers = latest;
            return changed;
        }
        finally
        {
            catchUp.Release();
        }
    }

    public IReadOnlyList<Proposal> Match(IdentityMatcher matcher, IdentityRecord query, int pool)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        return matcher.Match(query, index, pool).Select(p => new Proposal(p, IdOf(p.Candidate))).ToList();
    }

    /// <summary>The stored wanted person a candidate of this index stands for.</summary>
    public static Guid IdOf(IdentityRecord candidate) => Guid.ParseExact(candidate.Key.AsSpan(KeyPrefix.Length), "N");

    /// <summary>The stored records of the wanted persons named, read in chunks.</summary>
    public static async Task<Dictionary<Guid, WantedPerson>> ReadAsync(ConcordDbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var result = new Dictionary<Guid, WantedPerson>();
        foreach (var chunk in ids.Distinct().Chunk(500))
        {
            foreach (var w in await db.WantedPersons.AsNoTracking().Where(w => chunk.Contains(w.Id)).ToListAsync(ct)) result[w.Id] = w;
        }
        return result;
    }

    private static string Key(Guid id) => KeyPrefix + id.ToString("N");
}
