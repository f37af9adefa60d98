namespace Concord.Matching;

/// <summary>What a report meets in a <see cref="LinkIndex"/>: the owners of its identifiers, the scripts and the earlier reports its narrative comes near.</summary>
public sealed record LinkCandidates(List<(string Key, int Owner)> Exact, List<NearMatch> Scripts, List<NearMatch> Reports);

/// <summary>
/// Everything a new victim's report is linked against, in memory: each identifier a seized device owns (by its key,
/// kind and normalised value) with its owners, the scripts found on seized devices by passage, and earlier reports'
/// narratives, so that a report quoting a script nobody has seized yet is still tied to the others that quote it.
/// Owners and texts are the caller's numbers; linking a report is a few dictionary look-ups and two LSH queries.
/// </summary>
public sealed class LinkIndex
{
    /// <summary>Earlier reports are compared whole: 32 bands of 4 rows meet a narrative of Jaccard 0.5 with probability 0.87, of 0.6 with 0.99.</summary>
    public static readonly NearTextOptions NarrativeOptions = new() { ByPassage = false, Bands = 32, Rows = 4, MaxBucket = 200, MaxCandidates = 50, ByRarity = false };

    private readonly Dictionary<string, int> heads = new(StringComparer.Ordinal);
    private int[] owners = new int[1024];
    private int[] nexts = new int[1024];
    private int postings;

    public LinkIndex(NearTextOptions? scripts = null, NearTextOptions? narratives = null)
    {
        Scripts = new NearTextIndex(scripts ?? new NearTextOptions());
        Narratives = new NearTextIndex(narratives ?? NarrativeOptions);
    }

    public NearTextIndex Scripts { get; }
    public NearTextIndex Narratives { get; }

    /// <summary>How many identifier keys are indexed.</summary>
    public int Keys => heads.Count;

    public void AddIdentifier(string key, int owner)
    {
        if (postings == owners.Length)
        {
            Array.Resize(ref owners, owners.Length * 2);
            Array.Resize(ref nexts, nexts.Length * 2);
        }
        ref var head = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(heads, key, out var exists);
        owners[postings] = owner;
        nexts[postings] = exists ? head : -1;
        head = postings++;
    }

    public void AddScript(int id, string text) => Scripts.Add(id, text);

    public void AddNarrative(int id, string text) => Narratives.Add(id, text);

    /// <summary>The owners of a key, most recently added first, into <paramref name="into"/>.</summary>
    public void Owners(string key, List<int> into)
    {
        if (!heads.TryGetValue(key, out var p)) return;
        for (; p >= 0; p = nexts[p]) into.Add(owners[p]);
    }

    /// <summary>
    /// A report's links: the owners of its identifiers' keys, the scripts its narrative quotes (best passage scoring at
    /// least <paramref name="minScript"/>) and the earlier reports it comes near (at least <paramref name="minReport"/>),
    /// leaving out <paramref name="self"/> where the report is itself indexed.
    /// </summary>
    public LinkCandidates Link(IEnumerable<string> keys, string? narrative, double minScript, double minReport, int? self = null)
    {
        var exact = new List<(string, int)>();
        var found = new List<int>();
        foreach (var key in keys)
        {
            found.Clear();
            Owners(key, found);
            foreach (var o in found) exact.Add((key, o));
        }
        if (string.IsNullOrWhiteSpace(narrative)) return new LinkCandidates(exact, [], []);
        return new LinkCandidates(exact, Scripts.Query(narrative, minScript), Narratives.Count == 0 ? [] : Narratives.Query(narrative, minReport, self));
    }
}
