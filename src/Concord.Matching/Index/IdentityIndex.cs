namespace Concord.Matching;

/// <summary>
/// Blocking index: each record is filed under a few keys (document numbers, ID numbers with one block of digits masked,
/// name keys, a loose surname-initial key, aliases); candidates are the records sharing keys with the query, ranked by
/// how strong the shared keys are.
/// </summary>
public sealed class IdentityIndex
{
    private const int DocumentWeight = 100;
    private const int NearIdWeight = 30;
    private const int NameWeight = 10;
    private const int LooseWeight = 3;
    private const int AliasWeight = 1;

    // Loose keys of very common given names would pull in half the index; beyond this size they are not worth scanning.
    private const int LooseBucketLimit = 5_000;

    private readonly List<Profile> profiles = [];
    private readonly Dictionary<string, List<int>> buckets = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public int Count
    {
        get
        {
            lock (gate)
            {
                return profiles.Count;
            }
        }
    }

    public void Add(IdentityRecord record)
    {
        var profile = Profile.Create(record);
        var keys = new List<(string Key, int Weight)>(16);
        Keys(profile, keys);
        lock (gate)
        {
            var id = profiles.Count;
            profiles.Add(profile);
            foreach (var (key, _) in keys)
            {
                if (!buckets.TryGetValue(key, out var list))
                {
                    buckets[key] = list = new List<int>(1);
                }
                if (list.Count == 0 || list[^1] != id)
                {
                    list.Add(id);
                }
            }
        }
    }

    public IReadOnlyList<IdentityRecord> Candidates(IdentityRecord query, int max = 50)
    {
        var ids = CandidateIds(Profile.Create(query), max);
        var result = new List<IdentityRecord>(ids.Count);
        lock (gate)
        {
            foreach (var id in ids)
            {
                result.Add(profiles[id].Record);
            }
        }
        return result;
    }

    internal Profile ProfileAt(int id)
    {
        lock (gate)
        {
            return profiles[id];
        }
    }

    internal List<int> CandidateIds(Profile query, int max)
    {
        var keys = new List<(string Key, int Weight)>(16);
        Keys(query, keys);
        var hits = new Dictionary<int, int>();
        lock (gate)
        {
            foreach (var (key, weight) in keys)
            {
                if (!buckets.TryGetValue(key, out var list) || (weight <= LooseWeight && list.Count > LooseBucketLimit))
                {
                    continue;
                }
                foreach (var id in list)
                {
                    hits[id] = hits.GetValueOrDefault(id) + weight;
                }
            }
        }
        var ranked = new List<KeyValuePair<int, int>>(hits);
        ranked.Sort(static (a, b) => a.Value != b.Value ? b.Value.CompareTo(a.Value) : a.Key.CompareTo(b.Key));
        var ids = new List<int>(Math.Min(max, ranked.Count));
        for (var i = 0; i < ranked.Count && i < max; i++)
        {
            ids.Add(ranked[i].Key);
        }
        return ids;
    }

    private static void Keys(Profile p, List<(string Key, int Weight)> keys)
    {
        void Add(string key, int weight)
        {
            foreach (var (k, _) in keys)
            {
                if (string.Equals(k, key, StringComparison.Ordinal))
                {
                    return;
                }
            }
            keys.Add((key, weight));
        }

        foreach (var (type, number) in p.Documents)
        {
            Add("D|" + type + "|" + number, DocumentWeight);
        }
        foreach (var (number, _) in p.CnRics)
        {
            if (number.Length == 18)
            {
                // One slipped digit lies in one of three blocks; masking each block in turn keeps the other two as a key.
                Add("I0|" + number[6..], NearIdWeight);
                Add("I1|" + number[..6] + number[12..], NearIdWeight);
                Add("I2|" + number[..12], NearIdWeight);
            }
        }
        foreach (var (key, _) in p.Han)
        {
            Add("H|" + key, NameWeight);
        }
        foreach (var (key, _, _, _) in p.Latin)
        {
            Add("L|" + key, NameWeight);
        }
        foreach (var (key, _) in p.Myanmar)
        {
            Add("M|" + key, NameWeight);
        }
        // Readings are filed under the same keys as Latin names, so a name in one script finds its spelling in another.
        foreach (var (key, _) in p.HanReadings)
        {
            Add("L|" + key, NameWeight);
        }
        foreach (var (key, _) in p.MyanmarReadings)
        {
            Add("B|" + key, NameWeight);
        }
        foreach (var (key, _) in p.BurmeseLatin)
        {
            Add("B|" + key, NameWeight);
        }
        foreach (var (surname, given, _) in p.Splits)
        {
            if (surname.Length > 0 && given.Length >= 2)
            {
                Add("F|" + surname[0] + "|" + given, LooseWeight);
            }
        }
        foreach (var (key, _) in p.Aliases)
        {
            Add("A|" + key, AliasWeight);
        }
    }
}
