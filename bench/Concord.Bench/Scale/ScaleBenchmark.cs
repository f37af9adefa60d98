using System.Diagnostics;
using System.Globalization;
using System.Text;
using Concord.Matching;
using Concord.Scenarios;

namespace Concord.Bench.Scale;

/// <summary>
/// `--scale N`: CompactIdentityIndex over N generated identities (build time, bytes per identity, qps on two threads,
/// single-thread p50/p99, recall@20 of 1,000 noisy roster queries), and on the same queries a PostgreSQL pg_trgm search
/// and a brute-force Jaro–Winkler scan over the first records of the same stream, sized to fit the time.
/// Runs outside BenchmarkDotNet: a 10M build is a one-off measured once, not a microbenchmark.
/// </summary>
public static class ScaleBenchmark
{
    private const int Seed = 20_240_317;
    private const int Max = 20;

    public static void Run(string[] args, TextWriter log)
    {
        var scale = Option(args, "--scale", 10_000_000);
        var pgCount = Option(args, "--pg", Math.Min(scale, 1_000_000));
        var jwCount = Option(args, "--jw", Math.Min(scale, 100_000));
        var queryCount = Option(args, "--queries", 1_000);
        var side = Math.Max(pgCount, jwCount);
        var pool = Math.Min(scale, Math.Max(1, Math.Min(pgCount == 0 ? int.MaxValue : pgCount, jwCount == 0 ? int.MaxValue : jwCount)));
        var total = Stopwatch.StartNew();
        log.WriteLine(Inv($"scale {scale:N0}, pg_trgm over {pgCount:N0}, Jaro–Winkler over {jwCount:N0}, {queryCount:N0} queries drawn from the first {pool:N0}"));

        // The queries' true records lie in the first `pool` identities so that every side holds them; the generator is
        // deterministic, so the first records of a shorter stream are the first records of the 10M one.
        var pick = new Random(Seed + 1);
        var targets = new HashSet<long>();
        while (targets.Count < Math.Min(queryCount, pool))
        {
            targets.Add(pick.Next(pool));
        }
        var picked = new Dictionary<long, GeneratedIdentity>();
        var jw = new List<(string Latin, string Native, long Number)>(jwCount);
        var csv = pgCount > 0 ? Path.Combine(Path.GetTempPath(), Inv($"concord-scale-{Environment.ProcessId}.csv")) : null;
        using (var writer = csv is null ? null : new StreamWriter(csv, false, new UTF8Encoding(false)))
        {
            foreach (var g in ScenarioGenerator.Identities(Math.Max(side, pool), Seed))
            {
                if (targets.Contains(g.Number))
                {
                    picked[g.Number] = g;
                }
                if (g.Number < jwCount)
                {
                    jw.Add((FoldLatin(g.NameLatin), g.Name, g.Number));
                }
                if (writer is not null && g.Number < pgCount)
                {
                    writer.Write(g.Number.ToString(CultureInfo.InvariantCulture));
                    writer.Write(",\"");
                    writer.Write(g.Name.Replace("\"", "\"\"", StringComparison.Ordinal));
                    writer.Write("\",\"");
                    writer.Write(g.NameLatin.Replace("\"", "\"\"", StringComparison.Ordinal));
                    writer.Write("\"\n");
                }
            }
        }
        var noise = new Random(Seed + 2);
        var queries = targets.Order().Select(n => (Truth: RosterNoise.KeyOf(n), Number: n, Query: RosterNoise.ToQuery(picked[n], noise))).ToArray();

        // Generation alone, to say how much of the build is the generator's.
        var genSample = Math.Min(scale, 1_000_000);
        var sw = Stopwatch.StartNew();
        var sink = 0L;
        foreach (var g in ScenarioGenerator.Identities(genSample, Seed))
        {
            sink += RosterNoise.ToRecord(g).Names.Count;
        }
        var genSeconds = sw.Elapsed.TotalSeconds * scale / genSample;
        log.WriteLine(Inv($"generator + conversion alone: {sw.Elapsed.TotalSeconds:0.0} s for {genSample:N0} ({sink} names) → ≈ {genSeconds:0} s for {scale:N0}"));

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var heapBefore = GC.GetGCMemoryInfo().HeapSizeBytes;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        sw.Restart();
        var index = new CompactIdentityIndex();
        index.AddRange(ScenarioGenerator.Identities(scale, Seed).Select(RosterNoise.ToRecord));
        var addSeconds = sw.Elapsed.TotalSeconds;
        sw.Restart();
        index.Freeze();
        var freezeSeconds = sw.Elapsed.TotalSeconds;
        // Other builds share this machine's two cores; CPU time says what the build itself consumed.
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var heapAfter = GC.GetGCMemoryInfo().HeapSizeBytes;
        log.WriteLine(Inv($"CompactIdentityIndex: {index.Count:N0} identities; AddRange (generator included) {addSeconds:0.0} s, Freeze {freezeSeconds:0.0} s, build {addSeconds + freezeSeconds:0.0} s wall, {cpuSeconds:0.0} s CPU"));
        log.WriteLine(Inv($"memory: GetTotalMemory +{(after - before) / 1e6:0} MB = {(after - before) / (double)scale:0.0} B/identity; GC heap size +{(heapAfter - heapBefore) / 1e6:0} MB = {(heapAfter - heapBefore) / (double)scale:0.0} B/identity; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e9:0.00} GB"));

        // Warm-up and recall pass.
        var found = 0;
        var rankSum = 0;
        var misses = new List<string>();
        foreach (var (truth, _, query) in queries)
        {
            var hits = index.Search(query, Max);
            var rank = IndexOf(hits, truth);
            if (rank >= 0)
            {
                found++;
                rankSum += rank + 1;
            }
            else if (misses.Count < 8)
            {
                // Ordinals follow the stream, so the truth's ordinal is its number: show it beside what outranked it.
                var truthRecord = index.Get((int)queries.First(q => q.Truth == truth).Number);
                misses.Add(Describe(query) + " ⇒ truth " + Describe(truthRecord) + Inv($"; {hits.Count} candidates, top: ")
                    + string.Join("; ", hits.Take(3).Select(h => Inv($"{h.Score:0.0} ") + Describe(index.Get(h.Ordinal)))));
            }
        }
        var latencies = new double[queries.Length];
        for (var i = 0; i < queries.Length; i++)
        {
            var t = Stopwatch.GetTimestamp();
            index.Search(queries[i].Query, Max);
            latencies[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        }
        // Twenty passes (about three seconds) so that a burst of load from other processes does not decide the figure.
        const int rounds = 20;
        var queryCpu = Process.GetCurrentProcess().TotalProcessorTime;
        sw.Restart();
        for (var r = 0; r < rounds; r++)
        {
            Parallel.For(0, queries.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => index.Search(queries[i].Query, Max));
        }
        var qps = rounds * queries.Length / sw.Elapsed.TotalSeconds;
        var qpsPerCpu = rounds * queries.Length / (Process.GetCurrentProcess().TotalProcessorTime - queryCpu).TotalSeconds;
        Array.Sort(latencies);
        log.WriteLine(Inv($"CompactIdentityIndex: recall@{Max} {found}/{queries.Length} ({100.0 * found / queries.Length:0.0} %), mean rank when found {(found == 0 ? 0 : (double)rankSum / found):0.00}; {qps:N0} q/s on 2 threads ({qpsPerCpu:N0} q/s per CPU-second consumed); single-thread p50 {Percentile(latencies, 0.50):0.000} ms, p99 {Percentile(latencies, 0.99):0.000} ms, max {latencies[^1]:0.000} ms"));
        foreach (var m in misses)
        {
            log.WriteLine("  missed: " + m);
        }

        // Matching proper: the candidates retrieved are scored by the same matcher intake uses, and the true record
        // counts as matched when it is proposed (accepted or queued for review).
        var matcher = new IdentityMatcher();
        int Match(IdentityRecord query, string truthKey)
        {
            var proposed = 0;
            foreach (var hit in index.Search(query, Max))
            {
                var p = matcher.Score(query, index.Get(hit.Ordinal));
                if (p.Decision != MatchDecision.NoMatch && string.Equals(p.Candidate.Key, truthKey, StringComparison.Ordinal)) proposed = 1;
            }
            return proposed;
        }
        var matched = 0;
        var unmatched = new List<string>();
        foreach (var (truth, number, query) in queries)
        {
            var p = matcher.Score(query, index.Get((int)number));
            if (p.Decision == MatchDecision.NoMatch && unmatched.Count < 12)
                unmatched.Add(Describe(query) + " ⇒ " + Describe(index.Get((int)number)) + ": " + string.Join("; ", p.Evidence.Select(e => e.Text)));
        }
        var matchLatencies = new double[queries.Length];
        for (var i = 0; i < queries.Length; i++)
        {
            var t = Stopwatch.GetTimestamp();
            matched += Match(queries[i].Query, queries[i].Truth);
            matchLatencies[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        }
        Array.Sort(matchLatencies);
        const int matchRounds = 5;
        sw.Restart();
        for (var r = 0; r < matchRounds; r++)
        {
            Parallel.For(0, queries.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => Match(queries[i].Query, string.Empty));
        }
        var matchQps = matchRounds * queries.Length / sw.Elapsed.TotalSeconds;
        log.WriteLine(Inv($"retrieval + scoring (IdentityMatcher over the top {Max}): true record proposed for {matched}/{queries.Length} ({100.0 * matched / queries.Length:0.0} %); {matchQps:N0} q/s on 2 threads; single-thread p50 {Percentile(matchLatencies, 0.50):0.000} ms, p99 {Percentile(matchLatencies, 0.99):0.000} ms"));
        foreach (var u in unmatched)
        {
            log.WriteLine("  not proposed: " + u);
        }
        GC.KeepAlive(index);
        index = null;
        GC.Collect();

        if (jwCount > 0)
        {
            JaroWinklerSide(jw, queries, jwCount, scale, log);
        }
        jw.Clear();
        if (csv is not null)
        {
            try
            {
                PgTrgm.Run(csv, pgCount, queries.Select(q => (q.Number, q.Query)).ToArray(), Max, scale, log);
            }
            finally
            {
                File.Delete(csv);
            }
        }
        log.WriteLine(Inv($"total wall {total.Elapsed.TotalSeconds:0} s"));
    }

    private static void JaroWinklerSide(List<(string Latin, string Native, long Number)> records, (string Truth, long Number, IdentityRecord Query)[] queries, int count, int scale, TextWriter log)
    {
        var found = 0;
        var latencies = new double[queries.Length];
        var sw = Stopwatch.StartNew();
        var results = new bool[queries.Length];
        Parallel.For(0, queries.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var t = Stopwatch.GetTimestamp();
            var q = queries[i].Query;
            var latin = q.Names.FirstOrDefault(n => NameText.DetectScript(n) == Script.Latin);
            var text = latin is null ? q.Names[0] : FoldLatin(latin);
            var top = new PriorityQueue<long, double>(Max + 1);
            foreach (var (recordLatin, native, number) in records)
            {
                var s = JaroWinkler.Similarity(text, latin is null ? native : recordLatin);
                top.Enqueue(number, s);
                if (top.Count > Max)
                {
                    top.Dequeue();
                }
            }
            while (top.Count > 0)
            {
                if (top.Dequeue() == queries[i].Number)
                {
                    results[i] = true;
                }
            }
            latencies[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        });
        var qps = queries.Length / sw.Elapsed.TotalSeconds;
        found = results.Count(r => r);
        Array.Sort(latencies);
        log.WriteLine(Inv($"Jaro–Winkler brute force over {count:N0}: recall@{Max} {found}/{queries.Length} ({100.0 * found / queries.Length:0.0} %); {qps:N1} q/s on 2 threads (≈ {qps * count / scale:0.00} q/s scaled to {scale:N0}); p50 {Percentile(latencies, 0.5):0.0} ms, p99 {Percentile(latencies, 0.99):0.0} ms (2 threads busy)"));
    }

    internal static string FoldLatin(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (c is >= 'a' and <= 'z')
            {
                sb.Append(c);
            }
            else if (c is >= 'A' and <= 'Z')
            {
                sb.Append((char)(c + 32));
            }
        }
        return sb.ToString();
    }

    internal static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static int IndexOf(IReadOnlyList<Candidate> hits, string key)
    {
        for (var i = 0; i < hits.Count; i++)
        {
            if (string.Equals(hits[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }

    private static string Describe(IdentityRecord q) =>
        Inv($"{string.Join(" / ", q.Names)} | {q.BirthDate} | {string.Join(" ", q.Documents.Select(d => d.Type + ":" + d.Number))}");

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.FindIndex(args, a => a.Equals(name, StringComparison.OrdinalIgnoreCase));
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1].Replace("_", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture) : fallback;
    }

    internal static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
