using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace Concord.Matching.Tests.Burmese;

// Held-out evaluation on testdata/eval/names/myanmar-names.tsv: the spelling table is learned from even data rows
// (BurmeseTableGenerator), so ranking and romanisation are measured on odd rows only.
public class MyanmarNamesEvalTests(ITestOutputHelper output)
{
    private static string Pct(int n, int total) => (100.0 * n / total).ToString("F1", CultureInfo.InvariantCulture) + "%";

    [Fact]
    public void Every_name_is_detected_as_Zawgyi_and_converts_to_Unicode()
    {
        var rows = MyanmarNamesData.Rows();
        var detected = rows.Count(r => Zawgyi.IsZawgyi(r.Burmese));
        // Some names use only code points that mean the same in both encodings (ထူး, ကံ, မာ), or read as the same
        // name either way (Zawgyi စန္ဒာ with asat is Unicode's stacked စန္ဒာ): no detector can call them Zawgyi,
        // and none needs to, since both readings give the same spelling units.
        var neutral = rows.Count(r => !Zawgyi.IsZawgyi(r.Burmese) && SameUnits(Zawgyi.Convert(r.Burmese), r.Burmese));
        var converted = rows.Select(r => Zawgyi.ToUnicode(r.Burmese)).ToList();
        var clean = converted.Count(u => !Zawgyi.IsZawgyi(u) && u.All(c => c is >= '\u1000' and <= '\u1049' || c is '\u104A' or ' '));
        var stable = converted.Count(u => string.Equals(Zawgyi.ToUnicode(u), u, StringComparison.Ordinal));
        output.WriteLine($"Zawgyi detected: {detected}/{rows.Count} = {Pct(detected, rows.Count)}; the other {rows.Count - detected}: {neutral} read the same in both encodings");
        output.WriteLine($"detected or encoding-neutral: {detected + neutral}/{rows.Count} = {Pct(detected + neutral, rows.Count)}");
        output.WriteLine($"converted text re-detected as Unicode, Burmese code points only: {clean}/{rows.Count} = {Pct(clean, rows.Count)}");
        output.WriteLine($"ToUnicode idempotent on the converted text: {stable}/{rows.Count}");
        foreach (var r in rows.Where(r => !Zawgyi.IsZawgyi(r.Burmese) && !SameUnits(Zawgyi.Convert(r.Burmese), r.Burmese)).Take(15))
        {
            output.WriteLine($"  missed: {r.English} {r.Burmese} -> {Zawgyi.Convert(r.Burmese)}");
        }
        foreach (var u in converted.Where(u => Zawgyi.IsZawgyi(u)).Take(15))
        {
            output.WriteLine($"  still Zawgyi-looking: {u}");
        }
        // A few names are valid in both encodings (Zawgyi ဘေငြ "Ba Ngwe" is also Unicode ဘေ + ငြ); detection settles
        // them by the syllable statistics, which come from even rows, so odd rows are reported on their own as well.
        var odd = rows.Where((_, i) => i % 2 == 1).ToList();
        var oddDetected = odd.Count(r => Zawgyi.IsZawgyi(r.Burmese));
        var oddNeutral = odd.Count(r => !Zawgyi.IsZawgyi(r.Burmese) && SameUnits(Zawgyi.Convert(r.Burmese), r.Burmese));
        output.WriteLine($"odd (held-out) rows: detected {oddDetected}/{odd.Count} = {Pct(oddDetected, odd.Count)}; detected or encoding-neutral {oddDetected + oddNeutral}/{odd.Count}");
        Assert.Equal(rows.Count, detected + neutral);
        Assert.Equal(odd.Count, oddDetected + oddNeutral);
        Assert.Equal(rows.Count, clean);
        Assert.Equal(rows.Count, stable);
    }

    [Theory]
    [InlineData("\u1031\u1021\u102C\u1004\u1039", "\u1021\u1031\u102C\u1004\u103A")] // ေအာင္ → အောင်
    [InlineData("\u1031\u1000\u103A\u102C\u1039", "\u1000\u103B\u1031\u102C\u103A")] // ေက်ာ္ → ကျော်
    [InlineData("\u103B\u1019\u1004\u1037\u1039", "\u1019\u103C\u1004\u1037\u103A")] // ျမင့္ → မြင့်
    [InlineData("\u1011\u103C\u1014\u1039\u1038", "\u1011\u103D\u1014\u103A\u1038")] // ထြန္း → ထွန်း
    [InlineData("\u1025\u102E\u1038", "\u1026\u1038")] // ဦး → ဦး
    [InlineData("\u101C\u103D", "\u101C\u103E")] // လွ → လှ
    [InlineData("\u1031\u101B\u108A", "\u101B\u103D\u103E\u1031")] // ေရႊ → ရွှေ
    [InlineData("\u101F\u1014\u1039\u1005\u102D\u102F\u1038", "\u101F\u1014\u103A\u1005\u102D\u102F\u1038")] // ဟန္စိုး → ဟန်စိုး
    [InlineData("\u101E\u108F\u1072\u102C\u103B\u1019\u1004\u1037\u1039", "\u101E\u1014\u1039\u1010\u102C\u1019\u103C\u1004\u1037\u103A")] // သႏၲာျမင့္ → သန္တာမြင့်
    [InlineData("\u1031\u1019\u102C\u1004\u1039\u1031\u1019\u102C\u1004\u1039", "\u1019\u1031\u102C\u1004\u103A\u1019\u1031\u102C\u1004\u103A")]
    [InlineData("\u1001\u1064\u103A\u102C", "\u1004\u103A\u1039\u1001\u103B\u102C")] // ခၤ်ာ → င်္ချာ
    public void Zawgyi_spot_checks(string zawgyi, string unicode)
    {
        Assert.True(Zawgyi.IsZawgyi(zawgyi));
        Assert.Equal(unicode, Zawgyi.ToUnicode(zawgyi));
        Assert.False(Zawgyi.IsZawgyi(unicode));
    }

    [Fact]
    public void Own_spelling_ranks_first_on_held_out_rows()
    {
        var rows = MyanmarNamesData.Rows();
        var spellings = rows.Select(r => r.English).Where(e => e.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        var odd = rows.Where((_, i) => i % 2 == 1).Where(r => r.English.Length > 0).ToList();
        var sw = Stopwatch.StartNew();
        var plain = RankFirstRate(odd, spellings, r => r.Burmese);
        var plainTime = sw.Elapsed;
        var titled = RankFirstRate(odd, spellings, r => (string.Equals(r.Gender, "F", StringComparison.Ordinal) ? "\u1012\u1031\u102B\u103A" : "\u1026\u1038") + Zawgyi.ToUnicode(r.Burmese));
        var exact = odd.Count(r => string.Equals(Squash(BurmeseNames.Romanize(r.Burmese)[0]), Squash(r.English), StringComparison.Ordinal));
        var inTop4 = odd.Count(r => BurmeseNames.Romanize(r.Burmese).Any(s => string.Equals(Squash(s), Squash(r.English), StringComparison.Ordinal)));
        output.WriteLine($"odd rows: {odd.Count}, distinct spellings ranked: {spellings.Length}");
        output.WriteLine($"own spelling ranked first (ties against), name as is: {plain}/{odd.Count} = {Pct(plain, odd.Count)} ({plainTime.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s)");
        output.WriteLine($"own spelling ranked first, with ဦး/ဒေါ် prefixed:   {titled}/{odd.Count} = {Pct(titled, odd.Count)}");
        output.WriteLine($"Romanize(name)[0] exact (case/space-insensitive): {exact}/{odd.Count} = {Pct(exact, odd.Count)}; in Romanize top 4: {Pct(inTop4, odd.Count)} (ICU my-Latn anchor: 3.5%)");
        Assert.True(plain >= 0.9 * odd.Count, $"plain {plain}/{odd.Count}");
        Assert.True(titled >= 0.9 * odd.Count, $"titled {titled}/{odd.Count}");
    }

    private int RankFirstRate(List<MyanmarNamesData.Row> rows, string[] spellings, Func<MyanmarNamesData.Row, string> name)
    {
        var ok = new bool[rows.Count];
        var misses = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, rows.Count, i =>
        {
            var r = rows[i];
            var n = name(r);
            var own = BurmeseNames.SpellingSimilarity(n, r.English);
            string? beaten = null;
            foreach (var s in spellings)
            {
                if (!string.Equals(s, r.English, StringComparison.Ordinal) && BurmeseNames.SpellingSimilarity(n, s) >= own)
                {
                    beaten = s;
                    break;
                }
            }
            ok[i] = beaten is null;
            if (beaten is not null && misses.Count < 25)
            {
                misses.Add($"  {r.English} <= {beaten} ({Zawgyi.ToUnicode(n)})");
            }
        });
        foreach (var m in misses.Take(25))
        {
            output.WriteLine(m);
        }
        return ok.Count(x => x);
    }

    private static bool SameUnits(string a, string b) =>
        BurmeseSyllables.Units(BurmeseSyllables.Split(a)).SequenceEqual(BurmeseSyllables.Units(BurmeseSyllables.Split(b)), StringComparer.Ordinal);

    private static string Squash(string s) => string.Concat(s.Where(char.IsLetterOrDigit)).ToLowerInvariant();
}
