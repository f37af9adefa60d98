using System.Diagnostics;
using System.Security.Cryptography;

namespace Concord.Scenarios.Tests;

public sealed class ScenarioGeneratorTests : IDisposable
{
    private static readonly string[] Files = ["agreement.json", "dens.csv", "lead-targets.csv", "wanted.csv", "roster.csv", "seizures.csv", "truth.json"];
    private readonly string _root = Path.Combine(Path.GetTempPath(), "concord-scenarios-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Path.GetRandomFileName());

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private string Dir(string name) => Path.Combine(_root, name);

    [Fact]
    public void Same_seed_gives_byte_identical_files_and_another_seed_does_not()
    {
        var options = new ScenarioOptions { Seed = 42, WantedRecords = 3_000 };
        ScenarioGenerator.Generate(Dir("a"), options);
        ScenarioGenerator.Generate(Dir("b"), options);
        ScenarioGenerator.Generate(Dir("c"), options with { Seed = 43 });
        foreach (var file in Files)
        {
            Assert.Equal(Hash(Path.Combine(Dir("a"), file)), Hash(Path.Combine(Dir("b"), file)));
        }

        Assert.NotEqual(Hash(Path.Combine(Dir("a"), "roster.csv")), Hash(Path.Combine(Dir("c"), "roster.csv")));
    }

    [Fact]
    public void Default_scenario_is_fast_and_roster_is_about_the_muse_size()
    {
        var watch = Stopwatch.StartNew();
        var truth = ScenarioGenerator.Generate(Dir("d"), new ScenarioOptions());
        watch.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
        Assert.Equal(804, truth.RosterRows);
        var bytes = new FileInfo(Path.Combine(Dir("d"), "roster.csv")).Length;
        // The Muse sample's roster is about 118 kB for 811 rows.
        Assert.InRange(bytes, 90_000, 150_000);
        Assert.Equal(20_001, Csv.Read(Path.Combine(Dir("d"), "wanted.csv")).Count);
    }

    [Theory]
    [InlineData(1, 800, 20_000)]
    [InlineData(7, 300, 2_000)]
    [InlineData(11, 2_500, 5_000)]
    public void Truth_agrees_with_the_written_files(int seed, int arrested, int wantedRecords)
    {
        var options = new ScenarioOptions { Seed = seed, Arrested = arrested, WantedRecords = wantedRecords };
        var dir = Dir("t" + seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var truth = ScenarioGenerator.Generate(dir, options);
        var fromFile = ScenarioTruth.FromJson(File.ReadAllText(Path.Combine(dir, "truth.json")));
        Assert.Equal(truth.ToJson(), fromFile.ToJson());

        foreach (var file in Files.Where(f => f.EndsWith(".csv", StringComparison.Ordinal)))
        {
            var rows = Csv.Read(Path.Combine(dir, file));
            Assert.All(rows, r => Assert.Equal(rows[0].Length, r.Length));
            Assert.NotEqual(0xEF, File.ReadAllBytes(Path.Combine(dir, file))[0]);
        }

        var roster = Csv.ReadRecords(Path.Combine(dir, "roster.csv"));
        var wanted = Csv.ReadRecords(Path.Combine(dir, "wanted.csv"));
        var targets = Csv.ReadRecords(Path.Combine(dir, "lead-targets.csv"));
        var seizures = Csv.ReadRecords(Path.Combine(dir, "seizures.csv"));
        var rosterByNo = roster.ToDictionary(r => r["roster_no"], StringComparer.Ordinal);

        // Persons are rows less the second record of each duplicate pair; duplicates share an ID number.
        Assert.Equal(truth.RosterRows, roster.Count);
        Assert.Equal(options.DuplicateRows, truth.DuplicateRows.Count);
        Assert.Equal(roster.Count - truth.DuplicateRows.Count, truth.ArrestedPersons);
        Assert.Equal(options.Arrested, truth.ArrestedPersons);
        foreach (var pair in truth.DuplicateRows)
        {
            Assert.Equal(2, pair.Count);
            var (a, b) = (rosterByNo[pair[0]], rosterByNo[pair[1]]);
            Assert.Equal(a["id_number"], b["id_number"]);
            Assert.NotEqual(string.Empty, a["id_number"]);
            Assert.NotEqual(a["name"], b["name"]);
            Assert.NotEqual(a["unit"], b["unit"]);
        }

        var seconds = truth.DuplicateRows.Select(p => p[1]).ToHashSet(StringComparer.Ordinal);
        var persons = roster.Where(r => !seconds.Contains(r["roster_no"])).ToList();
        var chinese = persons.Count(r => r["nationality"] is "CHN" or "China" or "中国");
        var burmese = persons.Count(r => r["nationality"] is "MMR" or "Myanmar" or "缅甸");
        Assert.Equal(persons.Count, chinese + burmese);
        Assert.Equal(chinese, truth.ByNationality["CHN"]);
        Assert.Equal(burmese, truth.ByNationality["MMR"]);
        Assert.Equal(chinese, truth.HandoverPersons);
        Assert.Equal(truth.HandoverPersons, truth.ByProvince.Values.Sum() + truth.ProvinceUnknown);

        // Every CN-RIC on the wanted list is valid and its province is the listing bureau's.
        Assert.Equal(truth.WantedRecords, wanted.Count);
        Assert.All(wanted, w =>
        {
            Assert.True(IdNumbers.IsValidRic(w["id_number"]), w["id_number"]);
            Assert.Equal(IdNumbers.ProvinceName(w["id_number"]) + " PSD", w["agency"]);
            Assert.Equal(w["birth_date"].Replace("-", string.Empty, StringComparison.Ordinal), w["id_number"][6..14]);
            Assert.Equal(w["sex"] == "M", (w["id_number"][16] - '0') % 2 == 1);
        });
        Assert.All(targets.Where(t => t["id_number"].Length > 0), t => Assert.True(IdNumbers.IsValidRic(t["id_number"])));

        // Fugitives are on the wanted list and findable: birth date or ID agrees.
        var wantedById = wanted.ToDictionary(w => w["wanted_id"], StringComparer.Ordinal);
        Assert.Equal(options.Fugitives, truth.Fugitives);
        Assert.Equal(truth.Fugitives, truth.FugitivePairs.Count);
        foreach (var pair in truth.FugitivePairs)
        {
            var w = wantedById[pair.WantedId];
            foreach (var no in pair.RosterNos)
            {
                var r = rosterByNo[no];
                Assert.True(r["id_number"] == w["id_number"] || SharesYear(r["birth_date"], w["birth_date"]), no);
            }
        }

        // Key figures are arrested lead targets with key roles.
        var targetById = targets.ToDictionary(t => t["target_id"], StringComparer.Ordinal);
        Assert.Equal(truth.LeadTargets, targets.Count);
        Assert.Equal(truth.LeadTargets, truth.TargetPairs.Count + truth.EscapedTargets);
        foreach (var pair in truth.TargetPairs)
        {
            var t = targetById[pair.TargetId];
            Assert.Equal(t["role"], pair.Role);
            Assert.All(pair.RosterNos, no => Assert.True(rosterByNo[no]["id_number"] == t["id_number"] && t["id_number"].Length > 0 || SharesYear(rosterByNo[no]["birth_date"], t["birth_date"]), no));
        }

        var keys = truth.TargetPairs.Where(p => p.Role != "member").ToList();
        Assert.Equal(options.KeyFigures, truth.KeyFigures);
        Assert.Equal(keys.Count, truth.KeyFigures);
        Assert.Equal(keys.Select(p => p.RosterNos[0]).Order(StringComparer.Ordinal), truth.KeyRosterNos);
        Assert.Equal(truth.KeyFigures, truth.KeyByRole.Values.Sum());
        Assert.All(truth.KeyRosterNos, no => Assert.Contains(no, rosterByNo.Keys));

        // Namesake traps share a wanted person's Han name (when written in Han) but never their birth year or ID.
        Assert.Equal(options.NamesakeTraps, truth.NamesakeTraps.Count);
        var wantedNames = wanted.Select(w => w["name"]).ToHashSet(StringComparer.Ordinal);
        var wantedIds = wanted.Select(w => w["id_number"]).ToHashSet(StringComparer.Ordinal);
        foreach (var no in truth.NamesakeTraps)
        {
            var r = rosterByNo[no];
            Assert.DoesNotContain(r["id_number"], wantedIds);
            if (r["name"].Any(c => c >= 0x4E00))
            {
                Assert.Contains(r["name"], wantedNames);
                var sameName = wanted.Where(w => w["name"] == r["name"]).ToList();
                Assert.Contains(sameName, w => !SharesYear(r["birth_date"], w["birth_date"]));
            }
        }

        // Seizures: counts, units and what goes to China.
        Assert.Equal(truth.SeizureItems, seizures.Count);
        Assert.Equal(truth.SeizureUnits, seizures.Sum(s => long.Parse(s["quantity"], System.Globalization.CultureInfo.InvariantCulture)));
        var toChina = seizures.Where(s => s["holder_roster_no"].Length == 0
            || rosterByNo[s["holder_roster_no"]]["nationality"] is "CHN" or "China" or "中国").ToList();
        Assert.Equal(truth.HandoverItems, toChina.Count);
        Assert.Equal(truth.HandoverItemUnits, toChina.Sum(s => long.Parse(s["quantity"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(seizures.Where(s => s["sha256"].Length > 0), s => Assert.Matches("^[0-9a-f]{64}$", s["sha256"]));
        Assert.Contains(seizures, s => s["holder_roster_no"].Length > 0);
        Assert.Contains(seizures, s => s["holder_roster_no"].Length == 0);
    }

    [Fact]
    public void Roster_shows_the_clerical_variation()
    {
        ScenarioGenerator.Generate(Dir("v"), new ScenarioOptions { Seed = 3, WantedRecords = 1_000 });
        var roster = Csv.ReadRecords(Path.Combine(Dir("v"), "roster.csv"));
        foreach (var sex in new[] { "M", "F", "男", "女" })
        {
            Assert.Contains(roster, r => r["sex"] == sex);
        }

        foreach (var nationality in new[] { "CHN", "China", "中国", "MMR", "Myanmar", "缅甸" })
        {
            Assert.Contains(roster, r => r["nationality"] == nationality);
        }

        Assert.Contains(roster, r => r["birth_date"].Length == 4);
        Assert.Contains(roster, r => r["birth_date"].Length == 7);
        Assert.Contains(roster, r => r["birth_date"].Length == 0);
        Assert.Contains(roster, r => r["name"].Contains(", ", StringComparison.Ordinal));
        Assert.Contains(roster, r => r["id_number"].Contains("(နိုင်)", StringComparison.Ordinal));
        Assert.Contains(roster, r => r["id_number"].Contains("(N)", StringComparison.Ordinal));
        Assert.Contains(roster, r => r["id_type"] == "PASSPORT" && r["id_number"].Length == 9 && r["id_number"][0] == 'E');
        Assert.Contains(roster, r => r["id_type"] == "CN-RIC" && !IdNumbers.IsValidRic(r["id_number"]));
        Assert.Contains(roster, r => r["phone"].StartsWith("+86 1", StringComparison.Ordinal));
        Assert.Contains(roster, r => r["phone"].StartsWith("+95 9 ", StringComparison.Ordinal));
        Assert.Contains(roster, r => r["name"].StartsWith("Daw ", StringComparison.Ordinal) || r["name"].StartsWith("U ", StringComparison.Ordinal));
    }

    [Fact]
    public void Identities_stream_a_million_without_holding_them()
    {
        long count = 0;
        var chinese = 0;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        foreach (var identity in ScenarioGenerator.Identities(1_000_000, 7))
        {
            count++;
            if (identity.Nationality == "CHN")
            {
                chinese++;
            }

            if (count % 9_973 == 0)
            {
                Check(identity);
            }
        }

        Assert.Equal(1_000_000, count);
        Assert.InRange(chinese, 420_000, 460_000);
        Assert.True(GC.GetTotalMemory(forceFullCollection: true) - before < 50_000_000);
        Assert.Equal(ScenarioGenerator.Identities(1_000, 7).Last(), ScenarioGenerator.Identities(1_000, 7).Last());
    }

    private static void Check(GeneratedIdentity identity)
    {
        if (identity.Nationality == "CHN")
        {
            Assert.True(IdNumbers.IsValidRic(identity.CnRic), identity.CnRic);
            Assert.Equal(identity.BirthDate.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), identity.CnRic![6..14]);
            Assert.Equal(identity.Sex == 'M', (identity.CnRic[16] - '0') % 2 == 1);
            Assert.All(identity.Name, c => Assert.InRange(c, '\u4E00', '\u9FFF'));
            Assert.Matches("^[A-Z][a-z]+ [A-Z][a-z]+$", identity.NameLatin);
        }
        else
        {
            Assert.Equal("MMR", identity.Nationality);
            Assert.Matches(@"^\d{1,2}/[A-Z]+\(N\)\d{6}$", identity.MmNrc!);
            Assert.All(identity.Name, c => Assert.InRange(c, '\u1000', '\u109F'));
        }
    }

    private static bool SharesYear(string a, string b) =>
        a.Length >= 4 && b.Length >= 4 && a[..4] == b[..4];

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}

public sealed class IdNumberTests
{
    [Theory]
    [InlineData("11010519491231002X", true)]
    [InlineData("110105194912310021", false)]
    [InlineData("990105194912310029", false)]
    public void Ric_check_digit_follows_gb_11643(string ric, bool valid) => Assert.Equal(valid, IdNumbers.IsValidRic(ric));

    [Fact]
    public void Surname_readings_are_the_name_readings()
    {
        var expected = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["单"] = "Shan",
            ["曾"] = "Zeng",
            ["区"] = "Ou",
            ["仇"] = "Qiu",
            ["解"] = "Xie",
            ["查"] = "Zha",
        };
        foreach (var (han, pinyin) in expected)
        {
            Assert.Equal(pinyin, ChineseNames.Surnames.Single(s => s.Han == han).Pinyin);
        }

        Assert.Equal(ChineseNames.Surnames.Length, ChineseNames.Surnames.Select(s => s.Han).Distinct(StringComparer.Ordinal).Count());
    }
}
