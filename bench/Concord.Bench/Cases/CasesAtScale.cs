using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Concord.Matching;
using Concord.Scenarios;
using Npgsql;
using NpgsqlTypes;

namespace Concord.Bench.Cases;

/// <summary>
/// Linking a new victim's report at national scale (<c>--cases</c>): a million reports already indexed (their identifiers
/// and narratives) with the scripts of the Muse sequel's extractions, then new reports linked one at a time, exactly
/// through their identifiers and near through their narrative. Beside it, the same searches on PostgreSQL: a B-tree
/// look-up of the identifiers, pg_trgm similarity over the scripts and the narratives, and LIKE '%clause%'.
/// </summary>
internal static class CasesAtScale
{
    private static readonly string[] Generic =
    [
        "对方自称电商平台客服，称我购买的商品有质量问题需要理赔，让我下载会议软件共享屏幕后转账。",
        "在交友软件认识一名网友，对方带我在投资平台充值，开始小额盈利，后来大额充值后无法提现。",
        "接到自称银行工作人员的电话，说我的银行卡涉嫌洗钱需要配合调查，要求把钱转到安全账户。",
        "收到短信称我的积分即将过期，点击链接填写了银行卡号和验证码，随后卡内资金被转走。",
    ];

    private sealed record Report(string[] Keys, string Narrative, int? Script);

    public static void Run(string[] args, TextWriter log)
    {
        int Arg(string name, int fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var count = Arg("--count", 1_000_000);
        var queries = Arg("--queries", 2_000);
        var sqlQueries = Arg("--sql-queries", 200);
        var pg = args.SkipWhile(a => a != "--pg").Skip(1).FirstOrDefault() ?? "Host=127.0.0.1;Port=55440;Username=concord;Database=postgres";
        var random = new Random(14);
        if (args.Contains("--quality"))
        {
            NearQuality.Run(Root(), log);
            return;
        }

        // The scripts seized in the Muse sequel: each den's computer and one phone in seven with a holder.
        var dir = Directory.CreateTempSubdirectory("concord-cases-").FullName;
        CaseScenario.Generate(Path.Combine(Root(), "testdata", "muse"), dir, new CaseScenarioOptions { LinkedReports = 10, UnrelatedReports = 10 });
        var scripts = new List<(string Item, string Text)>();
        var owned = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(dir, "extractions"), "*.json").Order(StringComparer.Ordinal))
        {
            var json = JsonNode.Parse(File.ReadAllText(file))!;
            var item = json["item_no"]!.GetValue<string>();
            foreach (var s in json["scripts"]?.AsArray() ?? []) scripts.Add((item, s!["text"]!.GetValue<string>()));
            foreach (var s in json["sims"]?.AsArray() ?? []) owned.Add("phone:" + s!["msisdn"]!.GetValue<string>());
            foreach (var p in json["payments"]?.AsArray() ?? []) owned.Add(p!["kind"]!.GetValue<string>() + ":" + p["account"]!.GetValue<string>());
        }
        Directory.Delete(dir, recursive: true);
        log.WriteLine(Inv($"Muse sequel: {scripts.Count} scripts, {owned.Count} owned identifiers"));

        var sw = Stopwatch.StartNew();
        var reports = new Report[count];
        for (var i = 0; i < count; i++) reports[i] = MakeReport(random, scripts, owned, reports, i);
        var fresh = Enumerable.Range(0, queries).Select(_ => MakeReport(random, scripts, owned, reports, count, quoteShare: 20)).ToArray();
        log.WriteLine(Inv($"generated {count:N0} reports and {queries:N0} new ones in {sw.Elapsed.TotalSeconds:0.0} s"));

        GC.Collect(2, GCCollectionMode.Forced, true, true);
        var before = GC.GetTotalMemory(true);
        sw.Restart();
        var index = new LinkIndex();
        for (var s = 0; s < scripts.Count; s++) index.AddScript(s, scripts[s].Text);
        for (var o = 0; o < owned.Count; o++) index.AddIdentifier(owned[o], -1 - o);
        for (var i = 0; i < count; i++)
        {
            foreach (var k in reports[i].Keys) index.AddIdentifier(k, i);
            index.AddNarrative(i, reports[i].Narrative);
        }
        var built = sw.Elapsed.TotalSeconds;
        var after = GC.GetTotalMemory(true);
        log.WriteLine(Inv($"index: {count:N0} reports, {index.Keys:N0} identifier keys, {index.Narratives.Units:N0} narratives, {index.Scripts.Units:N0} script passages; built in {built:0.0} s on one thread; {(after - before) / 1048576.0:N0} MiB managed"));

        // Warm the JIT on a few, then time each new report alone.
        foreach (var r in fresh.Take(20)) index.Link(r.Keys, r.Narrative, Concord.Core.Features.Cases.LinkReports.NearScore, 0.5);
        var latencies = new double[queries];
        int exact = 0, scriptLinks = 0, scriptTrue = 0, scriptFound = 0, reportLinks = 0;
        for (var q = 0; q < queries; q++)
        {
            var r = fresh[q];
            var t = Stopwatch.GetTimestamp();
            var links = index.Link(r.Keys, r.Narrative, Concord.Core.Features.Cases.LinkReports.NearScore, 0.5);
            latencies[q] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            exact += links.Exact.Count;
            scriptLinks += links.Scripts.Count;
            reportLinks += links.Reports.Count;
            if (r.Script is { } s)
            {
                scriptTrue++;
                if (links.Scripts.Any(m => m.Id == s)) scriptFound++;
            }
        }
        Array.Sort(latencies);
        log.WriteLine(Inv($"link {queries:N0} new reports (exact + near, one thread): p50 {P(latencies, 0.5):0.00} ms, p95 {P(latencies, 0.95):0.00} ms, p99 {P(latencies, 0.99):0.00} ms, max {latencies[^1]:0.00} ms"));
        log.WriteLine(Inv($"  found: {exact:N0} identifier postings, {scriptLinks:N0} script links ({scriptFound}/{scriptTrue} of the reports quoting a Muse script found their script), {reportLinks:N0} earlier reports near"));

        if (args.Contains("--no-pg")) return;
        Postgres(pg, reports, scripts, owned, fresh.Take(sqlQueries).ToArray(), fresh, log);
    }

    /// <summary>
    /// A report: a number (one in ten an earlier report's, one in a hundred a Muse device's), a card or a wallet half the
    /// time, and a narrative retelling a script (one in twenty a Muse script, else one no den here used) or a plain one.
    /// </summary>
    private static Report MakeReport(Random random, List<(string Item, string Text)> scripts, List<string> owned, Report[] earlier, int n, int quoteShare = 5)
    {
        var keys = new List<string>(3);
        var roll = random.Next(100);
        if (roll < 10 && n > 0) keys.Add(earlier[random.Next(n)].Keys[0]);
        else if (roll < 11) keys.Add(owned[random.Next(owned.Count)]);
        else keys.Add("phone:+861" + random.NextInt64(3_000_000_000, 9_999_999_999).ToString(CultureInfo.InvariantCulture));
        switch (random.Next(4))
        {
            case 0: keys.Add("bank_card:62" + random.NextInt64(10_000_000_000_000_000, 99_999_999_999_999_999).ToString(CultureInfo.InvariantCulture)); break;
            case 1: keys.Add("tron:T" + random.NextInt64(1L << 40, 1L << 62).ToString("x", CultureInfo.InvariantCulture)); break;
        }
        int? script = null;
        string narrative;
        var kind = random.Next(100);
        if (kind < quoteShare)
        {
            script = random.Next(scripts.Count);
            narrative = FraudScripts.Retell(random, scripts[script.Value].Text);
        }
        else if (kind < 90) narrative = FraudScripts.Unrelated(random);
        else narrative = Generic[random.Next(Generic.Length)];
        return new Report([.. keys], narrative, script);
    }

    private static void Postgres(string connection, Report[] reports, List<(string Item, string Text)> scripts, List<string> owned, Report[] sample, Report[] all, TextWriter log)
    {
        var name = Inv($"concord_bench_cases_{Environment.ProcessId}");
        using (var admin = new NpgsqlConnection(connection))
        {
            admin.Open();
            Exec(admin, $"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'");
        }
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connection) { Database = name };
            using var db = new NpgsqlConnection(builder.ConnectionString);
            db.Open();
            var sw = Stopwatch.StartNew();
            Exec(db, "CREATE EXTENSION pg_trgm; CREATE UNLOGGED TABLE reports(id int PRIMARY KEY, narrative text NOT NULL); CREATE UNLOGGED TABLE report_keys(key text NOT NULL, report int NOT NULL); CREATE UNLOGGED TABLE scripts(id int PRIMARY KEY, item text NOT NULL, text text NOT NULL)");
            using (var copy = db.BeginBinaryImport("COPY reports(id, narrative) FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = 0; i < reports.Length; i++)
                {
                    copy.StartRow();
                    copy.Write(i, NpgsqlDbType.Integer);
                    copy.Write(reports[i].Narrative, NpgsqlDbType.Text);
                }
                copy.Complete();
            }
            using (var copy = db.BeginBinaryImport("COPY report_keys(key, report) FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = 0; i < reports.Length; i++)
                {
                    foreach (var k in reports[i].Keys)
                    {
                        copy.StartRow();
                        copy.Write(k, NpgsqlDbType.Text);
                        copy.Write(i, NpgsqlDbType.Integer);
                    }
                }
                for (var o = 0; o < owned.Count; o++)
                {
                    copy.StartRow();
                    copy.Write(owned[o], NpgsqlDbType.Text);
                    copy.Write(-1 - o, NpgsqlDbType.Integer);
                }
                copy.Complete();
            }
            using (var copy = db.BeginBinaryImport("COPY scripts(id, item, text) FROM STDIN (FORMAT BINARY)"))
            {
                for (var s = 0; s < scripts.Count; s++)
                {
                    copy.StartRow();
                    copy.Write(s, NpgsqlDbType.Integer);
                    copy.Write(scripts[s].Item, NpgsqlDbType.Text);
                    copy.Write(scripts[s].Text, NpgsqlDbType.Text);
                }
                copy.Complete();
            }
            var loaded = sw.Elapsed.TotalSeconds;
            sw.Restart();
            Exec(db, "CREATE INDEX report_keys_key ON report_keys(key)");
            var btree = sw.Elapsed.TotalSeconds;
            sw.Restart();
            Exec(db, "CREATE INDEX reports_trgm ON reports USING gin (narrative gin_trgm_ops); CREATE INDEX scripts_trgm ON scripts USING gin (text gin_trgm_ops); ANALYZE");
            var gin = sw.Elapsed.TotalSeconds;
            log.WriteLine(Inv($"PostgreSQL 15 ({name}): COPY {loaded:0.0} s, B-tree on identifiers {btree:0.0} s, GIN trigram on narratives and scripts + ANALYZE {gin:0.0} s"));

            // The identifier look-up, for every new report; the trigram and LIKE searches for the first ones only.
            Time(db, log, "B-tree: report's identifiers", all, r => ("SELECT report FROM report_keys WHERE key = ANY(@p)", r.Keys));
            Time(db, log, "pg_trgm: scripts % narrative, by similarity", sample, r => ("SELECT id FROM scripts WHERE text % @p ORDER BY similarity(text, @p) DESC LIMIT 20", r.Narrative));
            Time(db, log, "pg_trgm: earlier narratives % narrative, by similarity", sample, r => ("SELECT id FROM reports WHERE narrative % @p ORDER BY similarity(narrative, @p) DESC LIMIT 20", r.Narrative));
            Time(db, log, "LIKE '%clause%' over scripts (clause of the narrative)", sample, r => ("SELECT id FROM scripts WHERE text LIKE '%' || @p || '%'", Clause(r.Narrative)));
            Time(db, log, "LIKE '%clause%' over earlier narratives (GIN trigram)", sample, r => ("SELECT id FROM reports WHERE narrative LIKE '%' || @p || '%' LIMIT 100", Clause(r.Narrative)));
            Exec(db, "SET enable_bitmapscan = off; SET enable_indexscan = off");
            Time(db, log, "LIKE '%clause%' over earlier narratives (sequential scan)", sample.Take(Math.Min(20, sample.Length)).ToArray(), r => ("SELECT id FROM reports WHERE narrative LIKE '%' || @p || '%' LIMIT 100", Clause(r.Narrative)));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            using var admin = new NpgsqlConnection(connection);
            admin.Open();
            Exec(admin, $"DROP DATABASE IF EXISTS {name}");
        }
    }

    /// <summary>The clause a victim is likeliest to have quoted: the narrative's second, with the victim's own lead-in dropped.</summary>
    private static string Clause(string narrative)
    {
        var clauses = narrative.Split('，', '。');
        var c = clauses.Length > 1 ? clauses[1] : clauses[0];
        foreach (var lead in new[] { "对方自称", "对方说", "对方称", "他说", "还说", "又说" })
        {
            if (c.StartsWith(lead, StringComparison.Ordinal)) return c[lead.Length..];
        }
        return c;
    }

    private static void Time(NpgsqlConnection db, TextWriter log, string what, Report[] sample, Func<Report, (string Sql, object Value)> query)
    {
        var latencies = new List<double>();
        long rows = 0;
        foreach (var (r, i) in sample.Select((r, i) => (r, i)))
        {
            var (sql, value) = query(r);
            using var cmd = new NpgsqlCommand(sql, db);
            cmd.Parameters.AddWithValue("p", value);
            var t = Stopwatch.GetTimestamp();
            using (var reader = cmd.ExecuteReader())
            {
                while (reader.Read()) rows++;
            }
            // The first few warm the plan cache and the buffers.
            if (i >= 5 || sample.Length <= 5) latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }
        var sorted = latencies.Order().ToArray();
        log.WriteLine(Inv($"  {what}: {sorted.Length:N0} queries, p50 {P(sorted, 0.5):0.00} ms, p95 {P(sorted, 0.95):0.00} ms, p99 {P(sorted, 0.99):0.00} ms, max {sorted[^1]:0.00} ms; {rows:N0} rows"));
    }

    private static void Exec(NpgsqlConnection db, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, db) { CommandTimeout = 0 };
        cmd.ExecuteNonQuery();
    }

    private static double P(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static string Root()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "Concord.slnx"))) d = d.Parent;
        return d?.FullName ?? Directory.GetCurrentDirectory();
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
