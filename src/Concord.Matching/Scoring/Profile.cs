namespace Concord.Matching;

/// <summary>
/// What the matcher compares, worked out once per record so that scoring a candidate costs no parsing or normalisation.
/// </summary>
internal sealed class Profile
{
    public required IdentityRecord Record { get; init; }
    public List<(string Key, string Original)> Han { get; } = [];
    public List<(string Key, string? Via, int SurnameLength, string Original)> Latin { get; } = [];
    public List<(string Key, string Original)> Myanmar { get; } = [];
    // Readings across scripts are worked out on first use: most comparisons find both sides in the same script and
    // never need them, and reading a name costs more than the rest of the profile.
    private readonly List<(string Burmese, string Original)> burmeseNames = [];
    private readonly List<string> latinNames = [];
    private List<(string Key, string Original)>? hanReadings;
    private List<(string Surname, string Given, string Original)>? hanSplits;
    private List<(string Key, string Original)>? myanmarReadings;
    private List<(string Key, string Original)>? burmeseLatin;

    /// <summary>Latin keys read from Han names (pinyin and regional surname spellings), for a side that has no characters.</summary>
    public List<(string Key, string Original)> HanReadings => hanReadings ??= ReadHan();

    /// <summary>
    /// Han names read as surname and given name apart, in pinyin and Wade–Giles, to meet a Latin name spelled nearly so.
    /// The regional spellings are left out: a letter or two off any of a dozen spellings would meet half the surnames.
    /// </summary>
    public List<(string Surname, string Given, string Original)> HanSplits => hanSplits ??= ReadHanSplits();

    private HashSet<string>? hanSurnames;

    /// <summary>The pinyin of the surname the Han name's characters can be read as (胡: hu); empty without a Han name.</summary>
    public HashSet<string> HanSurnames => hanSurnames ??= HanSplits.Select(s => s.Surname).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Whether a Latin key may stand for this person: a key read through a regional surname spelling only reaches a
    /// surname the person's own characters can be read as ("HU" of 胡 is never Fu, "WONG" of 黄 is Huang).
    /// </summary>
    public bool Fits((string Key, string? Via, int SurnameLength, string Original) latin) =>
        // A key read through a spelling begins with the pinyin surname it reached.
        latin.Via is null || HanSurnames.Count == 0 || HanSurnames.Contains(latin.Key[..latin.SurnameLength]);

    private Dictionary<string, HashSet<int>>? hanSurnameLengths;

    /// <summary>
    /// For a reading of the Han name, the lengths its surname can take ("guozefeng" of 郭泽峰: 3), so that a Latin name
    /// whose surname ends elsewhere ("feng guoze") does not meet it; a reading not split into surname and given name is absent.
    /// </summary>
    public Dictionary<string, HashSet<int>> HanSurnameLengths => hanSurnameLengths ??= HanSplits
        .GroupBy(s => s.Surname + s.Given, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Select(s => s.Surname.Length).ToHashSet(), StringComparer.Ordinal);

    /// <summary>Latin keys of the conventional spellings of Myanmar-script names.</summary>
    public List<(string Key, string Original)> MyanmarReadings => myanmarReadings ??= ReadMyanmar();

    /// <summary>Honorific-free keys of Latin names, to meet <see cref="MyanmarReadings"/>.</summary>
    public List<(string Key, string Original)> BurmeseLatin => burmeseLatin ??= ReadBurmeseLatin();

    private List<(string Key, string Original)> ReadHan()
    {
        var list = new List<(string Key, string Original)>();
        foreach (var (_, original) in Han)
        {
            foreach (var reading in ChineseNames.LatinKeys(original))
            {
                AddDistinct(list, (reading, original));
            }
        }
        return list;
    }

    private List<(string Surname, string Given, string Original)> ReadHanSplits()
    {
        var list = new List<(string Surname, string Given, string Original)>();
        foreach (var (_, original) in Han)
        {
            if (ChineseNames.LatinParts(original, useRow: static _ => false, guesses: false) is not var (surnames, givens))
            {
                continue;
            }
            foreach (var surname in surnames)
            {
                foreach (var given in givens)
                {
                    list.Add((surname, given, original));
                }
            }
        }
        return list;
    }

    private List<(string Key, string Original)> ReadMyanmar()
    {
        var list = new List<(string Key, string Original)>();
        foreach (var (burmese, original) in burmeseNames)
        {
            foreach (var spelling in BurmeseNames.Romanize(burmese, 3))
            {
                AddDistinct(list, (BurmeseNames.LatinKey(spelling), original));
            }
        }
        return list;
    }

    private List<(string Key, string Original)> ReadBurmeseLatin()
    {
        var list = new List<(string Key, string Original)>();
        foreach (var name in latinNames)
        {
            AddDistinct(list, (BurmeseNames.LatinKey(name), name));
        }
        return list;
    }
    public List<(string Surname, string Given, string Original)> Splits { get; } = [];
    public List<(string Key, string Original)> Aliases { get; } = [];
    public List<(string Type, string Number)> Documents { get; } = [];
    public List<(string Number, bool Trusted)> CnRics { get; } = [];
    public PartialDate? BirthDate { get; private set; }
    public bool BirthDateFromId { get; private set; }
    public PartialDate? OverruledWrittenDate { get; private set; }
    public Sex Sex { get; private set; }
    public string? Nationality { get; private set; }

    public static Profile Create(IdentityRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var p = new Profile { Record = record };
        var latinSink = new List<NameText.LatinKey>(6);
        foreach (var name in record.Names)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                continue;
            }
            switch (NameText.DetectScript(name))
            {
                case Script.Han:
                    AddDistinct(p.Han, (NameText.HanKey(name), name));
                    break;
                case Script.Latin:
                    latinSink.Clear();
                    NameText.AddLatinKeys(name, latinSink);
                    foreach (var k in latinSink)
                    {
                        if (!p.Latin.Exists(x => string.Equals(x.Key, k.Key, StringComparison.Ordinal) && x.SurnameLength == k.SurnameLength && (x.Via is null) == (k.Via is null)))
                        {
                            p.Latin.Add((k.Key, k.Via, k.SurnameLength, name));
                        }
                    }
                    p.latinNames.Add(name);
                    var tokens = NameText.LatinTokens(name);
                    if (tokens.Count >= 2)
                    {
                        p.Splits.Add((tokens[0], string.Concat(tokens.Skip(1)), name));
                        // "Guo, Nan-fang": the comma says which word is the surname.
                        if (!NameText.SurnameBeforeComma(name))
                        {
                            p.Splits.Add((tokens[^1], string.Concat(tokens.Take(tokens.Count - 1)), name));
                        }
                    }
                    break;
                case Script.Myanmar:
                    // Zawgyi is converted and honorifics taken off, so that every way of writing the name meets.
                    var burmese = BurmeseNames.Parse(name).Name;
                    AddDistinct(p.Myanmar, (NameText.MyanmarKey(burmese), name));
                    p.burmeseNames.Add((burmese, name));
                    break;
                default:
                    break;
            }
        }
        foreach (var alias in record.Aliases)
        {
            var key = AliasKey(alias);
            if (key.Length > 0)
            {
                AddDistinct(p.Aliases, (key, alias));
            }
        }
        foreach (var doc in record.Documents)
        {
            var type = doc.Type.Trim().ToUpperInvariant();
            var number = doc.Number.Trim();
            if (number.Length == 0)
            {
                continue;
            }
            p.Documents.Add((type, number));
            if (string.Equals(type, DocumentNumbers.CnRic, StringComparison.Ordinal))
            {
                p.CnRics.Add((number, ChineseResidentId.IsTrustworthy(number)));
            }
        }
        p.BirthDate = record.BirthDate;
        p.Sex = record.Sex;
        p.Nationality = string.IsNullOrWhiteSpace(record.Nationality) ? null : record.Nationality.Trim().ToUpperInvariant();
        foreach (var (number, trusted) in p.CnRics)
        {
            // Only a number whose check digit holds outranks the clerk's date: a mistyped number carries a wrong date.
            if (!trusted)
            {
                continue;
            }
            var fromId = ChineseResidentId.BirthDate(number);
            if (p.BirthDate is { } written && DateComparison.Compare(written, fromId) is not (DateAgreement.Exact or DateAgreement.Compatible))
            {
                p.OverruledWrittenDate = written;
            }
            if (p.BirthDate is null || p.OverruledWrittenDate is not null || !p.BirthDate.Value.IsComplete)
            {
                p.BirthDate = fromId;
                p.BirthDateFromId = true;
            }
            if (p.Sex == Sex.Unknown)
            {
                p.Sex = ChineseResidentId.Sex(number);
            }
            break;
        }
        return p;
    }

    internal static string AliasKey(string alias)
    {
        if (string.IsNullOrWhiteSpace(alias))
        {
            return string.Empty;
        }
        return NameText.DetectScript(alias) == Script.Latin
            ? string.Concat(NameText.LatinTokens(alias))
            : NameText.HanKey(alias);
    }

    private static void AddDistinct(List<(string Key, string Original)> list, (string Key, string Original) item)
    {
        if (item.Key.Length > 0 && !list.Exists(x => string.Equals(x.Key, item.Key, StringComparison.Ordinal)))
        {
            list.Add(item);
        }
    }
}
