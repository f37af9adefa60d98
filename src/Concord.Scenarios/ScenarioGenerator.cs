using System.Globalization;
using System.Text;

namespace Concord.Scenarios;

/// <summary>Writes complete synthetic scenario folders in the field file formats, with the truth a correct system should reach.</summary>
public static class ScenarioGenerator
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly TimeSpan MyanmarOffset = new(6, 30, 0);
    private static readonly string[] KeyRoles = ["financier", "leader", "backbone"];
    private static readonly string[] Units =
    [
        "Muse Township Police Station", "Shan State Border Police Battalion 5", "MPF Special Task Force 3",
        "Northern Shan Anti-Trafficking Unit",
    ];

    private static readonly string[] Offences = ["telecom fraud", "telecom fraud", "fraud", "money laundering", "illegal border crossing"];
    private static readonly string[] DenWords1 = ["Golden", "Jade", "Phoenix", "Lotus", "Harmony", "Fortune", "Peacock", "Emerald", "Orchid", "Bamboo", "Crown", "Sunrise", "Pearl", "Ruby", "Lucky", "Dragon Gate"];
    private static readonly string[] DenWords2 = ["Plaza", "Compound", "Garden", "Tower", "Hotel", "Estate", "Court", "Park", "Block", "Villa", "Resort", "Yard"];
    private static readonly string[] Streets = ["Mandalay-Muse Road", "Nam Kham Road", "Mansu Road", "Pang Hseng Road", "Market Street", "Border Trade Zone Road"];
    private static readonly string[] PhoneKinds = ["Android phone", "iPhone", "feature phone", "Android phone"];
    private static readonly string[] Notes = ["injured during arrest, treated on site", "says he was \"recruited as a translator\"", "age to be verified, may be a minor", "refused to sign the record", "found hiding in the generator room"];

    private const string AgreementJson = """
        {
          "code": "CN-MM-TF-2023",
          "title": "China–Myanmar police cooperation against cross-border telecom fraud",
          "parties": [
            {"code": "CN-MPS", "name": "Ministry of Public Security", "country": "CHN"},
            {"code": "MM-MPF", "name": "Myanmar Police Force Headquarters", "country": "MMR"}
          ],
          "custody": [
            {"nationality": "CHN", "to": "CN-MPS", "port": "Ruili"},
            {"nationality": "MMR", "to": "MM-MPF"},
            {"nationality": "*", "to": "MM-MPF", "review": true}
          ],
          "evidence": {"follows_holder": true, "unheld_to": "lead_provider"}
        }

        """;

    private enum Kind
    {
        Ordinary,
        Fugitive,
        Target,
        Trap,
    }

    private sealed class Arrestee
    {
        public required Person Person { get; init; }
        public required Kind Kind { get; init; }
        public int WantedIndex { get; init; } = -1;
        public Target? Target { get; init; }
        public string Den { get; set; } = string.Empty;
        public DateTimeOffset ArrestedAt { get; set; }
        public List<string> RosterNos { get; } = [];
        public string? KnownRic { get; set; }
    }

    private sealed class Target
    {
        public required Person Person { get; init; }
        public required string Role { get; init; }
        public required bool Arrested { get; init; }
        public required bool ListsRic { get; init; }
        public string Id { get; set; } = string.Empty;
        public string Den { get; set; } = string.Empty;
        public string Group { get; set; } = string.Empty;
    }

    private sealed record Row(Arrestee Who, string?[] Cells);

    /// <summary>Writes agreement.json, dens.csv, lead-targets.csv, wanted.csv, roster.csv, seizures.csv and truth.json.</summary>
    public static ScenarioTruth Generate(string outputDirectory, ScenarioOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        Directory.CreateDirectory(outputDirectory);

        var random = new Random(options.Seed);
        var raid = options.RaidDate;
        var adultEarliest = raid.AddYears(-58);
        var adultLatest = raid.AddYears(-18);
        var code = options.OperationCode;

        // Dens.
        var denCodes = new List<string>();
        var denGroups = new List<string>();
        var groupCount = Math.Max(1, (options.Dens + 2) / 3);
        var denWidth = Math.Max(2, Digits(options.Dens));
        using (var dens = new CsvWriter(Path.Combine(outputDirectory, "dens.csv"), "den_code", "name", "address", "lat", "lon", "group", "armed"))
        {
            var usedNames = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 1; i <= options.Dens; i++)
            {
                var denCode = $"{code}-D{i.ToString("D" + denWidth.ToString(Inv), Inv)}";
                var name = DenWords1[random.Next(DenWords1.Length)] + " " + DenWords2[random.Next(DenWords2.Length)];
                if (!usedNames.Add(name))
                {
                    name = $"{name} {i.ToString(Inv)}";
                }

                var group = $"GROUP-{(1 + random.Next(groupCount)).ToString(Inv)}";
                denCodes.Add(denCode);
                denGroups.Add(group);
                dens.WriteRow(
                    denCode,
                    name,
                    $"{(1 + random.Next(300)).ToString(Inv)} {Streets[random.Next(Streets.Length)]}, Muse, Shan State",
                    (23.93 + random.NextDouble() * 0.10).ToString("F5", Inv),
                    (97.82 + random.NextDouble() * 0.16).ToString("F5", Inv),
                    group,
                    random.Next(100) < 25 ? "yes" : "no");
            }
        }

        // Wanted list.
        var wanted = new Person[options.WantedRecords];
        var wantedHan = new HashSet<string>(StringComparer.Ordinal);
        var wantedPinyin = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < wanted.Length; i++)
        {
            wanted[i] = Person.MakeChinese(random, new DateOnly(1962, 1, 1), adultLatest, withPassport: false);
            wantedHan.Add(wanted[i].Name);
            wantedPinyin.Add(wanted[i].PinyinKey);
        }

        var wantedOrder = Enumerable.Range(0, wanted.Length).ToArray();
        PartialShuffle(random, wantedOrder, options.Fugitives + options.NamesakeTraps);
        var fugitiveIndexes = wantedOrder[..options.Fugitives];
        var trapIndexes = wantedOrder[options.Fugitives..(options.Fugitives + options.NamesakeTraps)];

        var wantedWidth = Math.Max(7, Digits(wanted.Length));
        string WantedId(int index) => "W" + (index + 1).ToString("D" + wantedWidth.ToString(Inv), Inv);

        using (var writer = new CsvWriter(Path.Combine(outputDirectory, "wanted.csv"), "wanted_id", "name", "name_latin", "aliases", "sex", "birth_date", "nationality", "id_type", "id_number", "agency", "offence", "listed_on"))
        {
            var listedEarliest = raid.AddYears(-7);
            var listedLatest = raid.AddDays(-30);
            for (var i = 0; i < wanted.Length; i++)
            {
                var p = wanted[i];
                writer.WriteRow(
                    WantedId(i),
                    p.Name,
                    (p.Surname!.Pinyin + " " + p.GivenPinyin).ToUpperInvariant(),
                    random.Next(100) < 3 ? Alias(random, p) : string.Empty,
                    p.Sex.ToString(),
                    p.BirthIso,
                    "CHN",
                    "CN-RIC",
                    p.Ric,
                    IdNumbers.ProvinceName(p.Ric!) + " PSD",
                    Offences[random.Next(Offences.Length)],
                    Person.RandomDate(random, listedEarliest, listedLatest).ToString("yyyy-MM-dd", Inv));
            }
        }

        // Names already spoken for: a new person must not share one by accident, or the truth would be wrong.
        var takenHan = new HashSet<string>(wantedHan, StringComparer.Ordinal);
        var takenPinyin = new HashSet<string>(wantedPinyin, StringComparer.Ordinal);
        Person FreshChinese(bool? passport = null)
        {
            while (true)
            {
                var candidate = Person.MakeChinese(random, adultEarliest, adultLatest, withPassport: passport);
                if (!takenHan.Contains(candidate.Name) && !takenPinyin.Contains(candidate.PinyinKey))
                {
                    takenHan.Add(candidate.Name);
                    takenPinyin.Add(candidate.PinyinKey);
                    return candidate;
                }
            }
        }

        // Lead targets.
        var targets = new List<Target>();
        var financiers = (int)Math.Round(options.KeyFigures / 7.0, MidpointRounding.AwayFromZero);
        var leaders = (int)Math.Round(options.KeyFigures * 2 / 7.0, MidpointRounding.AwayFromZero);
        for (var i = 0; i < options.KeyFigures; i++)
        {
            var role = i < financiers ? "financier" : i < financiers + leaders ? "leader" : "backbone";
            targets.Add(new Target { Person = FreshChinese(), Role = role, Arrested = true, ListsRic = random.Next(100) < 80 });
        }

        for (var i = 0; i < options.Members; i++)
        {
            targets.Add(new Target { Person = FreshChinese(), Role = "member", Arrested = true, ListsRic = random.Next(100) < 80 });
        }

        for (var i = 0; i < options.EscapedTargets; i++)
        {
            var roll = random.Next(7);
            var role = roll == 0 ? "financier" : roll < 3 ? "leader" : "backbone";
            targets.Add(new Target { Person = FreshChinese(), Role = role, Arrested = false, ListsRic = random.Next(100) < 80 });
        }

        var targetOrder = Enumerable.Range(1, targets.Count).ToArray();
        random.Shuffle(targetOrder);
        var targetWidth = Math.Max(3, Digits(targets.Count));
        for (var i = 0; i < targets.Count; i++)
        {
            var t = targets[i];
            t.Id = "T" + targetOrder[i].ToString("D" + targetWidth.ToString(Inv), Inv);
            var den = random.Next(denCodes.Count);
            t.Den = denCodes[den];
            t.Group = denGroups[den];
        }

        // Arrested persons.
        var chineseCount = (int)Math.Round(options.Arrested * options.ChineseShare, MidpointRounding.AwayFromZero);
        var arrested = new List<Arrestee>(options.Arrested);
        foreach (var w in fugitiveIndexes)
        {
            arrested.Add(new Arrestee { Person = wanted[w], Kind = Kind.Fugitive, WantedIndex = w });
        }

        foreach (var t in targets.Where(t => t.Arrested))
        {
            arrested.Add(new Arrestee { Person = t.Person, Kind = Kind.Target, Target = t, Den = t.Den });
        }

        foreach (var w in trapIndexes)
        {
            arrested.Add(new Arrestee { Person = MakeNamesake(random, wanted[w], adultEarliest, adultLatest), Kind = Kind.Trap, WantedIndex = w });
        }

        while (arrested.Count < chineseCount)
        {
            arrested.Add(new Arrestee { Person = FreshChinese(), Kind = Kind.Ordinary });
        }

        while (arrested.Count < options.Arrested)
        {
            arrested.Add(new Arrestee { Person = Person.MakeBurmese(random, adultEarliest, adultLatest), Kind = Kind.Ordinary });
        }

        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(arrested));
        var raidStart = new DateTimeOffset(raid.ToDateTime(new TimeOnly(4, 0)), MyanmarOffset);
        foreach (var a in arrested)
        {
            if (a.Den.Length == 0)
            {
                a.Den = denCodes[random.Next(denCodes.Count)];
            }

            a.ArrestedAt = raidStart.AddMinutes(random.Next(30 * 60));
        }

        // Roster rows, as the clerks wrote them.
        var rows = new List<Row>(options.Arrested + options.DuplicateRows);
        var eligibleForDuplicate = new List<int>();
        for (var i = 0; i < arrested.Count; i++)
        {
            var a = arrested[i];
            var (cells, idRecorded) = RenderRow(random, a);
            rows.Add(new Row(a, cells));
            if (idRecorded)
            {
                eligibleForDuplicate.Add(i);
            }
        }

        if (eligibleForDuplicate.Count < options.DuplicateRows)
        {
            throw new ArgumentException("Too few persons with a recorded ID number to make the requested duplicate rows.", nameof(options));
        }

        var duplicateOf = eligibleForDuplicate.ToArray();
        PartialShuffle(random, duplicateOf, options.DuplicateRows);
        foreach (var index in duplicateOf[..options.DuplicateRows])
        {
            var first = rows[index];
            var cells = (string?[])first.Cells.Clone();
            var (name, latin) = OtherScriptName(random, first.Who.Person, first.Cells[1]!);
            cells[1] = name;
            cells[2] = latin;
            cells[3] = string.Empty;
            cells[4] = RenderSex(random, first.Who.Person);
            cells[9] = random.Next(100) < 40 ? first.Cells[9] : string.Empty;
            cells[12] = Units[(Array.IndexOf(Units, first.Cells[12]) + 1 + random.Next(Units.Length - 1)) % Units.Length];
            cells[13] = string.Empty;
            rows.Add(new Row(first.Who, cells));
        }

        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows));
        var rosterWidth = Math.Max(4, Digits(rows.Count));
        using (var writer = new CsvWriter(Path.Combine(outputDirectory, "roster.csv"), "roster_no", "name", "name_latin", "aliases", "sex", "birth_date", "nationality", "id_type", "id_number", "phone", "den", "arrested_at", "unit", "notes"))
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var rosterNo = $"{code}-{(i + 1).ToString("D" + rosterWidth.ToString(Inv), Inv)}";
                rows[i].Cells[0] = rosterNo;
                rows[i].Who.RosterNos.Add(rosterNo);
                writer.WriteRow(rows[i].Cells);
                if (rows[i].Cells[7] == "CN-RIC" && IdNumbers.IsValidRic(rows[i].Cells[8]))
                {
                    rows[i].Who.KnownRic ??= rows[i].Cells[8];
                }
            }
        }

        using (var writer = new CsvWriter(Path.Combine(outputDirectory, "lead-targets.csv"), "target_id", "name", "name_latin", "aliases", "sex", "birth_date", "nationality", "id_type", "id_number", "role", "den", "group"))
        {
            var written = targets.ToArray();
            random.Shuffle(written);
            foreach (var t in written)
            {
                var p = t.Person;
                writer.WriteRow(
                    t.Id,
                    p.Name,
                    p.Latin,
                    random.Next(100) < 35 ? Alias(random, p) : string.Empty,
                    p.Sex.ToString(),
                    random.Next(100) < 60 ? p.BirthIso : p.Birth.Year.ToString(Inv),
                    "CHN",
                    t.ListsRic ? "CN-RIC" : string.Empty,
                    t.ListsRic ? p.Ric : string.Empty,
                    t.Role,
                    t.Den,
                    t.Group);
            }
        }

        var (seizureItems, seizureUnits, handoverItems, handoverUnits) = WriteSeizures(random, outputDirectory, options, denCodes, arrested, raidStart);

        var truth = BuildTruth(options, arrested, rows.Count, targets, wanted, WantedId, seizureItems, seizureUnits, handoverItems, handoverUnits);
        File.WriteAllText(Path.Combine(outputDirectory, "agreement.json"), AgreementJson, new UTF8Encoding(false));
        File.WriteAllText(Path.Combine(outputDirectory, "truth.json"), truth.ToJson() + "\n", new UTF8Encoding(false));
        return truth;
    }

    /// <summary>A stream of synthetic identities, generated one at a time so that millions never sit in memory together.</summary>
    public static IEnumerable<GeneratedIdentity> Identities(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Stream(count, seed);

        static IEnumerable<GeneratedIdentity> Stream(int count, int seed)
        {
            var random = new Random(seed);
            var earliest = new DateOnly(1950, 1, 1);
            var latest = new DateOnly(2006, 12, 31);
            for (var i = 0; i < count; i++)
            {
                if (random.Next(100) < 44)
                {
                    var p = Person.MakeChinese(random, earliest, latest);
                    yield return new GeneratedIdentity(i, "CHN", p.Name, p.Latin, p.Sex, p.Birth, p.Ric, null, p.Passport);
                }
                else
                {
                    var p = Person.MakeBurmese(random, earliest, latest);
                    yield return new GeneratedIdentity(i, "MMR", p.Name, p.Latin, p.Sex, p.Birth, null, p.Nrc, null);
                }
            }
        }
    }

    private static void Validate(ScenarioOptions o)
    {
        if (o.Arrested < 1 || o.Dens < 1 || o.WantedRecords < 0 || o.Fugitives < 0 || o.KeyFigures < 0 || o.Members < 0
            || o.EscapedTargets < 0 || o.NamesakeTraps < 0 || o.DuplicateRows < 0 || o.ChineseShare is < 0 or > 1
            || string.IsNullOrWhiteSpace(o.OperationCode))
        {
            throw new ArgumentException("Scenario options must be non-negative, with at least one arrest and one den.", nameof(o));
        }

        var chinese = (int)Math.Round(o.Arrested * o.ChineseShare, MidpointRounding.AwayFromZero);
        if (o.Fugitives + o.KeyFigures + o.Members + o.NamesakeTraps > chinese)
        {
            throw new ArgumentException($"Fugitives, targets and namesake traps ({(o.Fugitives + o.KeyFigures + o.Members + o.NamesakeTraps).ToString(Inv)}) exceed the {chinese.ToString(Inv)} Chinese arrestees.", nameof(o));
        }

        if (o.Fugitives + o.NamesakeTraps > o.WantedRecords)
        {
            throw new ArgumentException("The wanted list must be at least as long as fugitives plus namesake traps.", nameof(o));
        }
    }

    private static Person MakeNamesake(Random random, Person listed, DateOnly earliest, DateOnly latest)
    {
        // Same name, different person: another birth year, so even a year-only record cannot confirm the match.
        Person candidate;
        do
        {
            candidate = Person.MakeChinese(random, earliest, latest, listed.Surname, (listed.GivenHan, listed.GivenSyllables), listed.Sex);
        }
        while (candidate.Birth.Year == listed.Birth.Year);

        return candidate;
    }

    private static (string?[] Cells, bool IdRecorded) RenderRow(Random random, Arrestee a)
    {
        var p = a.Person;
        var cells = new string?[14];
        var matched = a.Kind is Kind.Fugitive or Kind.Target;
        var listedRic = a.Kind is Kind.Fugitive || (a.Kind is Kind.Target && a.Target!.ListsRic);
        string name, latin = string.Empty;
        string nationality, idType = string.Empty, idNumber = string.Empty, phone = string.Empty, aliases = string.Empty;
        var idRecorded = false;
        if (p.Chinese)
        {
            var roll = random.Next(100);
            if (roll < 33)
            {
                name = p.Name;
            }
            else if (roll < 85)
            {
                name = LatinChinese(random, p);
            }
            else
            {
                name = p.Name;
                latin = random.Next(2) == 0 ? p.Latin : p.Latin.ToUpperInvariant();
            }

            nationality = Pick(random, "CHN", "CHN", "CHN", "China", "中国");
            var idRoll = random.Next(100);
            if (idRoll < 58)
            {
                idType = "CN-RIC";
                idNumber = listedRic && random.Next(100) < 8 ? IdNumbers.WithWrongDigit(random, p.Ric!) : p.Ric!;
                idRecorded = idNumber == p.Ric;
            }
            else if (idRoll < 75)
            {
                idType = "PASSPORT";
                idNumber = p.Passport ?? IdNumbers.MakePassport(random);
                idRecorded = true;
            }

            if (random.Next(100) < 60)
            {
                phone = $"+86 1{random.Next(3, 10).ToString(Inv)}{random.Next(10).ToString(Inv)} {random.Next(10000).ToString("D4", Inv)} {random.Next(10000).ToString("D4", Inv)}";
            }

            if (random.Next(100) < 4)
            {
                aliases = Alias(random, p);
            }
        }
        else
        {
            var honorific = random.Next(100) < 35 ? BurmeseNames.PickHonorific(random, p.Sex, a.ArrestedAt.Year - p.Birth.Year) : null;
            var roll = random.Next(100);
            if (roll < 35)
            {
                name = (honorific?.Script ?? string.Empty) + p.Name;
            }
            else if (roll < 70)
            {
                name = (honorific?.Script ?? string.Empty) + p.Name;
                latin = p.Latin;
            }
            else
            {
                name = honorific is null ? p.Latin : honorific.Latin + " " + p.Latin;
            }

            nationality = Pick(random, "MMR", "MMR", "Myanmar", "缅甸");
            if (random.Next(100) < 65)
            {
                idType = "MM-NRC";
                idNumber = random.Next(100) < 25 ? ToScriptNrc(p.Nrc!) : p.Nrc!;
                idRecorded = true;
            }

            if (random.Next(100) < 40)
            {
                phone = $"+95 9 {random.Next(100, 1000).ToString(Inv)} {random.Next(1000).ToString("D3", Inv)} {random.Next(1000).ToString("D3", Inv)}";
            }
        }

        cells[1] = name;
        cells[2] = latin;
        cells[3] = aliases;
        cells[4] = RenderSex(random, p);
        cells[5] = RenderBirth(random, p.Birth, mustShow: matched);
        cells[6] = nationality;
        cells[7] = idType;
        cells[8] = idNumber;
        cells[9] = phone;
        cells[10] = a.Den;
        cells[11] = a.ArrestedAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", Inv);
        cells[12] = Units[random.Next(Units.Length)];
        cells[13] = random.Next(100) < 3 ? Notes[random.Next(Notes.Length)] : string.Empty;
        return (cells, idRecorded);
    }

    private static string ToScriptNrc(string latinNrc)
    {
        var township = BurmeseNames.Townships.First(t => latinNrc.Contains("/" + t.Latin + "(", StringComparison.Ordinal));
        var number = latinNrc[(latinNrc.IndexOf(')', StringComparison.Ordinal) + 1)..];
        return $"{IdNumbers.ToMyanmarDigits(township.State.ToString(Inv))}/{township.Script}(နိုင်){IdNumbers.ToMyanmarDigits(number)}";
    }

    private static (string Name, string Latin) OtherScriptName(Random random, Person p, string firstName)
    {
        var firstIsLatin = firstName.All(c => c < 0x0250);
        if (p.Chinese)
        {
            return firstIsLatin ? (p.Name, string.Empty) : (LatinChinese(random, p), string.Empty);
        }

        return firstIsLatin ? (p.Name, string.Empty) : (p.Latin, string.Empty);
    }

    private static string LatinChinese(Random random, Person p)
    {
        var surname = random.Next(100) < 12 ? p.Surname!.Older[random.Next(p.Surname.Older.Length)] : p.Surname!.Pinyin;
        var given = Person.Capitalise(p.GivenPinyin);
        var hyphenated = string.Join("-", p.GivenSyllables.Select((s, i) => i == 0 ? Person.Capitalise(s) : s));
        return random.Next(8) switch
        {
            0 or 1 => (surname + " " + given).ToUpperInvariant(),
            2 => surname + " " + given,
            3 => given + " " + surname,
            4 => surname + ", " + hyphenated,
            5 => (surname + given).ToUpperInvariant(),
            6 => (surname + " " + given).ToLowerInvariant(),
            _ => surname + " " + hyphenated,
        };
    }

    private static string RenderSex(Random random, Person p)
    {
        // Only Chinese-speaking interpreters write the Chinese characters, and they do so for Chinese arrestees.
        var roll = random.Next(100);
        var sex = p.Sex;
        return roll < 2 ? string.Empty : roll < 70 || !p.Chinese ? sex.ToString() : sex == 'M' ? "男" : "女";
    }

    private static string RenderBirth(Random random, DateOnly birth, bool mustShow)
    {
        var roll = random.Next(mustShow ? 83 : 100);
        if (roll < 55)
        {
            return birth.ToString("yyyy-MM-dd", Inv);
        }

        if (roll < 63)
        {
            return birth.ToString("yyyy-MM", Inv);
        }

        if (roll < 76)
        {
            return birth.Year.ToString(Inv);
        }

        if (roll < 83)
        {
            // Clerks swap day and month; only visible (and only plausible) when the day could be a month.
            return birth.Day <= 12 && birth.Day != birth.Month
                ? $"{birth.Year.ToString(Inv)}-{birth.Day.ToString("D2", Inv)}-{birth.Month.ToString("D2", Inv)}"
                : birth.ToString("yyyy-MM-dd", Inv);
        }

        return string.Empty;
    }

    private static string Alias(Random random, Person p)
    {
        var last = p.GivenHan[^1..];
        return Pick(random, "老", "小", "阿") + last;
    }

    private static string Pick(Random random, params string[] values) => values[random.Next(values.Length)];

    private static (int Items, long Units, int HandoverItems, long HandoverUnits) WriteSeizures(
        Random random, string outputDirectory, ScenarioOptions options, List<string> denCodes, List<Arrestee> arrested, DateTimeOffset raidStart)
    {
        var byDen = arrested.GroupBy(a => a.Den, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var items = 0;
        long units = 0;
        var handoverItems = 0;
        long handoverUnits = 0;
        var width = Math.Max(5, Digits(options.Arrested * 4 + options.Dens * 8));
        using var writer = new CsvWriter(Path.Combine(outputDirectory, "seizures.csv"), "item_no", "den", "type", "description", "quantity", "seized_at", "unit", "sha256", "holder_roster_no");

        void Write(string den, string type, string description, int quantity, DateTimeOffset at, string unit, bool image, Arrestee? holder)
        {
            items++;
            units += quantity;
            if (holder is null || holder.Person.Chinese)
            {
                handoverItems++;
                handoverUnits += quantity;
            }

            writer.WriteRow(
                "S" + items.ToString("D" + width.ToString(Inv), Inv),
                den,
                type,
                description,
                quantity.ToString(Inv),
                at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", Inv),
                unit,
                image ? Sha256Hex(random) : string.Empty,
                holder?.RosterNos.Min(StringComparer.Ordinal) ?? string.Empty);
        }

        foreach (var den in denCodes)
        {
            DateTimeOffset At() => raidStart.AddMinutes(random.Next(30 * 60));
            string Unit() => Units[random.Next(Units.Length)];
            Write(den, "computer", Pick(random, "desktop computers", "laptops"), random.Next(1, 31), At(), Unit(), true, null);
            Write(den, "sim_card", "SIM cards", random.Next(20, 301), At(), Unit(), false, null);
            Write(den, "script", "printed fraud scripts (Chinese)", random.Next(1, 16), At(), Unit(), false, null);
            Write(den, "bank_card", "bank cards, various banks", random.Next(2, 61), At(), Unit(), false, null);
            Write(den, "cash", $"cash, CNY {(random.Next(5, 400) * 100).ToString("N0", Inv)}", 1, At(), Unit(), false, null);
            Write(den, "document", "ledgers and notebooks", random.Next(1, 6), At(), Unit(), false, null);
            if (!byDen.TryGetValue(den, out var people))
            {
                continue;
            }

            foreach (var a in people)
            {
                var phoneRoll = random.Next(100);
                var phones = phoneRoll < 10 ? 0 : phoneRoll < 80 ? 1 : phoneRoll < 97 ? 2 : 3;
                for (var i = 0; i < phones; i++)
                {
                    Write(den, "phone", PhoneKinds[random.Next(PhoneKinds.Length)], 1, a.ArrestedAt.AddMinutes(random.Next(90)), Units[random.Next(Units.Length)], random.Next(100) < 8, a);
                }

                var key = a.Target is { Role: not "member" };
                if (random.Next(100) < (key ? 40 : 2))
                {
                    Write(den, "bank_card", "bank cards", random.Next(1, 9), a.ArrestedAt.AddMinutes(random.Next(90)), Units[random.Next(Units.Length)], false, a);
                }

                if (random.Next(100) < (key ? 25 : 1))
                {
                    Write(den, "document", "notebook with account records", 1, a.ArrestedAt.AddMinutes(random.Next(90)), Units[random.Next(Units.Length)], false, a);
                }

                if (random.Next(100) < 3)
                {
                    Write(den, "computer", "laptop", 1, a.ArrestedAt.AddMinutes(random.Next(90)), Units[random.Next(Units.Length)], true, a);
                }
            }
        }

        return (items, units, handoverItems, handoverUnits);
    }

    private static string Sha256Hex(Random random)
    {
        Span<byte> bytes = stackalloc byte[32];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    private static ScenarioTruth BuildTruth(
        ScenarioOptions options, List<Arrestee> arrested, int rosterRows, List<Target> targets, Person[] wanted,
        Func<int, string> wantedId, int seizureItems, long seizureUnits, int handoverItems, long handoverUnits)
    {
        static string First(Arrestee a) => a.RosterNos.Min(StringComparer.Ordinal)!;
        static List<string> Sorted(IEnumerable<string> values) => values.Order(StringComparer.Ordinal).ToList();

        var duplicates = arrested.Where(a => a.RosterNos.Count > 1)
            .Select(a => (IReadOnlyList<string>)Sorted(a.RosterNos))
            .OrderBy(pair => pair[0], StringComparer.Ordinal)
            .ToList();

        var chinese = arrested.Where(a => a.Person.Chinese).ToList();
        var keyFigures = arrested.Where(a => a.Target is { Role: not "member" }).ToList();
        var keyByRole = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var role in KeyRoles)
        {
            keyByRole[role] = keyFigures.Count(a => a.Target!.Role == role);
        }

        var fugitives = arrested.Where(a => a.Kind == Kind.Fugitive).ToList();
        var provinceCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var unknown = 0;
        foreach (var a in chinese)
        {
            var listRic = a.Kind == Kind.Fugitive ? wanted[a.WantedIndex].Ric
                : a.Target is { ListsRic: true } ? a.Target.Person.Ric
                : null;
            var ric = listRic ?? a.KnownRic;
            if (ric is null)
            {
                unknown++;
                continue;
            }

            var province = IdNumbers.ProvinceName(ric)!;
            provinceCounts[province] = provinceCounts.GetValueOrDefault(province) + 1;
        }

        var byProvince = provinceCounts
            .OrderByDescending(kv => kv.Value)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

        return new ScenarioTruth
        {
            RosterRows = rosterRows,
            ArrestedPersons = arrested.Count,
            DuplicateRows = duplicates,
            ByNationality = new Dictionary<string, int>(StringComparer.Ordinal)
            {
                ["CHN"] = chinese.Count,
                ["MMR"] = arrested.Count - chinese.Count,
            },
            KeyFigures = keyFigures.Count,
            KeyByRole = keyByRole,
            KeyRosterNos = Sorted(keyFigures.Select(First)),
            Fugitives = fugitives.Count,
            FugitiveRosterNos = Sorted(fugitives.Select(First)),
            NamesakeTraps = Sorted(arrested.Where(a => a.Kind == Kind.Trap).Select(First)),
            HandoverPersons = chinese.Count,
            HandoverItems = handoverItems,
            HandoverItemUnits = handoverUnits,
            SeizureItems = seizureItems,
            SeizureUnits = seizureUnits,
            ByProvince = byProvince,
            ProvinceUnknown = unknown,
            FugitivePairs = fugitives
                .OrderBy(First, StringComparer.Ordinal)
                .Select(a => new FugitivePair(Sorted(a.RosterNos), wantedId(a.WantedIndex)))
                .ToList(),
            TargetPairs = arrested.Where(a => a.Target is not null)
                .OrderBy(a => a.Target!.Id, StringComparer.Ordinal)
                .Select(a => new TargetPair(Sorted(a.RosterNos), a.Target!.Id, a.Target.Role))
                .ToList(),
            EscapedTargets = targets.Count(t => !t.Arrested),
            WantedRecords = options.WantedRecords,
            LeadTargets = targets.Count,
        };
    }

    private static void PartialShuffle(Random random, int[] values, int count)
    {
        for (var i = 0; i < count && i < values.Length; i++)
        {
            var j = random.Next(i, values.Length);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    private static int Digits(int value) => Math.Max(1, value).ToString(Inv).Length;
}
