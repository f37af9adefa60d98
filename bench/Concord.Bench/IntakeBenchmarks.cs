using BenchmarkDotNet.Attributes;
using Concord.Matching;

namespace Concord.Bench;

/// <summary>Intake matching of the whole Muse roster (811 rows) against the wanted list plus lead targets.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class IntakeBenchmarks
{
    public const double JaroWinklerThreshold = 0.92;

    private Dataset data = null!;
    private IdentityIndex index = null!;
    private IdentityMatcher matcher = null!;
    private string[] listKeys = [];

    [GlobalSetup]
    public void Setup()
    {
        data = Dataset.Load();
        index = BuildIndex(data.List);
        matcher = new IdentityMatcher();
        listKeys = data.List.Select(p => p.NameKey).ToArray();
    }

    [Benchmark(Description = "Concord")]
    public int Concord()
    {
        var proposals = 0;
        foreach (var row in data.Roster)
        {
            proposals += matcher.Match(row.Record, index).Count;
        }
        return proposals;
    }

    [Benchmark(Baseline = true, Description = "BruteForceJaroWinkler")]
    public int BruteForceJaroWinkler()
    {
        var candidates = 0;
        foreach (var row in data.Roster)
        {
            candidates += ScanJaroWinkler(row.NameKey, listKeys, null);
        }
        return candidates;
    }

    [Benchmark(Description = "IndexBuild")]
    public int IndexBuild() => BuildIndex(data.List).Count;

    public static IdentityIndex BuildIndex(IReadOnlyList<Person> list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var built = new IdentityIndex();
        foreach (var person in list)
        {
            built.Add(person.Record);
        }
        return built;
    }

    /// <summary>Full scan; returns how many list entries clear the threshold, and their positions when asked.</summary>
    public static int ScanJaroWinkler(string query, string[] keys, List<int>? hits)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var found = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            if (JaroWinkler.Similarity(query, keys[i]) >= JaroWinklerThreshold)
            {
                found++;
                hits?.Add(i);
            }
        }
        return found;
    }
}
