using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Concord.Matching;

namespace Concord.Bench.Scale;

/// <summary>
/// The database baseline: a throwaway PostgreSQL 15 (started like test.sh does), the first records loaded with psql's
/// \copy (the bench has no Npgsql), GIN trigram indexes on the native and the Latin name, and per query the top 20 by
/// similarity() among rows the % operator admits, on the column in the query name's script.
/// </summary>
internal static class PgTrgm
{
    private const string Bin = "/usr/lib/postgresql/15/bin";

    public static void Run(string csv, int count, (long Number, IdentityRecord Query)[] queries, int max, int scale, TextWriter log)
    {
        if (!File.Exists(Path.Combine(Bin, "postgres")) || !File.Exists("/usr/share/postgresql/15/extension/pg_trgm.control"))
        {
            log.WriteLine("pg_trgm: skipped, PostgreSQL 15 with pg_trgm is not installed");
            return;
        }
        var data = Directory.CreateTempSubdirectory("concord-pg-").FullName;
        var root = Environment.UserName == "root";
        var port = FreePort();
        var started = false;
        try
        {
            if (root)
            {
                Shell("chown", "postgres:postgres " + data);
            }
            AsPostgres(root, Inv($"{Bin}/initdb -D '{data}' -U concord --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null"));
            AsPostgres(root, Inv($"{Bin}/pg_ctl -D '{data}' -o '-p {port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c shared_buffers=2GB -c maintenance_work_mem=2GB -c max_parallel_maintenance_workers=2 -c work_mem=64MB' -l '{data}/log' -w start >/dev/null"));
            started = true;
            var sw = Stopwatch.StartNew();
            Psql(port, "CREATE EXTENSION pg_trgm; CREATE UNLOGGED TABLE people(id int NOT NULL, name text NOT NULL, name_latin text NOT NULL);");
            Psql(port, Inv($"\\copy people FROM '{csv}' WITH (FORMAT csv)"));
            var copy = sw.Elapsed.TotalSeconds;
            sw.Restart();
            Psql(port, "CREATE INDEX people_latin_trgm ON people USING gin (name_latin gin_trgm_ops); CREATE INDEX people_name_trgm ON people USING gin (name gin_trgm_ops); ANALYZE people;");
            var indexing = sw.Elapsed.TotalSeconds;
            log.WriteLine(Inv($"pg_trgm: {count:N0} rows; \\copy {copy:0.0} s, two GIN trigram indexes + ANALYZE {indexing:0.0} s"));

            // Two sessions, as the index gets two threads; each times its own statements.
            var files = new string[2];
            for (var s = 0; s < 2; s++)
            {
                var sb = new StringBuilder("\\timing on\n");
                for (var i = s; i < queries.Length; i += 2)
                {
                    var q = queries[i].Query;
                    var latin = q.Names.FirstOrDefault(n => NameText.DetectScript(n) == Script.Latin);
                    var column = latin is null ? "name" : "name_latin";
                    var text = (latin ?? q.Names[0]).Replace("'", "''", StringComparison.Ordinal);
                    sb.Append(Inv($"SELECT {i}, id FROM people WHERE {column} % '{text}' ORDER BY similarity({column}, '{text}') DESC, id LIMIT {max};\n"));
                }
                files[s] = Path.Combine(Path.GetTempPath(), Inv($"concord-pg-q{s}-{Environment.ProcessId}.sql"));
                File.WriteAllText(files[s], sb.ToString());
            }
            sw.Restart();
            var outputs = files.AsParallel().WithDegreeOfParallelism(2).Select(f => Psql(port, null, f)).ToArray();
            var wall = sw.Elapsed.TotalSeconds;
            foreach (var f in files)
            {
                File.Delete(f);
            }
            var hits = new HashSet<(int, long)>();
            var latencies = new List<double>();
            foreach (var line in outputs.SelectMany(o => o.Split('\n')))
            {
                if (line.StartsWith("Time: ", StringComparison.Ordinal))
                {
                    latencies.Add(double.Parse(line.AsSpan(6, line.IndexOf(" ms", StringComparison.Ordinal) - 6), CultureInfo.InvariantCulture));
                }
                else if (line.Split('|') is [var qi, var id])
                {
                    hits.Add((int.Parse(qi, CultureInfo.InvariantCulture), long.Parse(id, CultureInfo.InvariantCulture)));
                }
            }
            var found = Enumerable.Range(0, queries.Length).Count(i => hits.Contains((i, queries[i].Number)));
            var qps = queries.Length / wall;
            var sorted = latencies.Order().ToArray();
            log.WriteLine(Inv($"pg_trgm over {count:N0}: recall@{max} {found}/{queries.Length} ({100.0 * found / queries.Length:0.0} %); {qps:N1} q/s on 2 sessions (≈ {qps * count / scale:0.00} q/s scaled linearly to {scale:N0}); statement p50 {ScaleBenchmark.Percentile(sorted, 0.5):0.0} ms, p99 {ScaleBenchmark.Percentile(sorted, 0.99):0.0} ms"));
        }
        finally
        {
            if (started)
            {
                AsPostgres(root, Inv($"{Bin}/pg_ctl -D '{data}' -m immediate stop >/dev/null 2>&1"));
            }
            Directory.Delete(data, recursive: true);
        }
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void AsPostgres(bool root, string command)
    {
        if (root)
        {
            Shell("su", null, "postgres", "-s", "/bin/sh", "-c", command);
        }
        else
        {
            Shell("sh", null, "-c", command);
        }
    }

    private static string Psql(int port, string? command, string? file = null)
    {
        var args = new List<string> { "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-U", "concord", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-At", "-F", "|" };
        if (command is not null)
        {
            args.AddRange(["-c", command]);
        }
        if (file is not null)
        {
            args.AddRange(["-f", file]);
        }
        return Shell("psql", null, [.. args]);
    }

    private static string Shell(string program, string? single, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (single is not null)
        {
            foreach (var a in single.Split(' '))
            {
                info.ArgumentList.Add(a);
            }
        }
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException(program + " did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(Inv($"{program} exited with {process.ExitCode}: {stderr.Result}"));
        }
        return stdout;
    }
}
