namespace Concord.Scenarios;

/// <summary>Burmese name syllables in Myanmar script with their conventional Latin spellings, honorifics and NRC townships.</summary>
internal static class BurmeseNames
{
    internal sealed record Syllable(string Script, string Latin, char Lean);

    internal sealed record Honorific(string Script, string Latin, char Sex, bool Young);

    internal sealed record Township(int State, string Latin, string Script);

    internal static readonly Syllable[] Syllables =
    [
        new("အောင်", "Aung", 'M'), new("ကျော်", "Kyaw", 'M'), new("စိုး", "Soe", 'U'), new("ထက်", "Htet", 'U'),
        new("လှိုင်", "Hlaing", 'U'), new("မင်း", "Min", 'M'), new("ဇော်", "Zaw", 'M'), new("သူ", "Thu", 'U'),
        new("နိုင်", "Naing", 'M'), new("မြင့်", "Myint", 'U'), new("ထွန်း", "Tun", 'M'), new("ဝင်း", "Win", 'U'),
        new("ဦး", "Oo", 'M'), new("ခင်", "Khin", 'U'), new("သန္တာ", "Thandar", 'F'), new("နု", "Nu", 'F'),
        new("နှင်း", "Hnin", 'F'), new("ဖြူ", "Phyu", 'F'), new("အိ", "Ei", 'F'), new("မြ", "Mya", 'F'),
        new("မိုး", "Moe", 'U'), new("ဇင်", "Zin", 'U'), new("သိန်း", "Thein", 'M'), new("လွင်", "Lwin", 'U'),
        new("ငြိမ်း", "Nyein", 'U'), new("ဟိန်း", "Hein", 'M'), new("ဝေ", "Wai", 'U'), new("လင်း", "Lin", 'U'),
        new("အေး", "Aye", 'U'), new("ထူး", "Htoo", 'U'), new("မျိုး", "Myo", 'M'), new("သူရ", "Thura", 'M'),
        new("ကြည်", "Kyi", 'U'), new("နွယ်", "Nwe", 'F'), new("စန်း", "San", 'U'), new("စု", "Su", 'F'),
        new("ရတနာ", "Yadanar", 'F'), new("ရဲ", "Ye", 'M'), new("ပိုင်", "Paing", 'M'), new("သန့်", "Thant", 'U'),
        new("ခိုင်", "Khaing", 'F'), new("ယဉ်", "Yin", 'F'), new("သီရိ", "Thiri", 'F'), new("ပြည့်", "Pyae", 'U'),
        new("စန္ဒာ", "Sandar", 'F'), new("နန္ဒာ", "Nandar", 'F'), new("ကောင်း", "Kaung", 'M'), new("နောင်", "Naung", 'M'),
        new("ညီ", "Nyi", 'M'), new("ဖိုး", "Pho", 'M'), new("ဆွေ", "Swe", 'U'), new("မော်", "Maw", 'U'),
        new("သက်", "Thet", 'U'), new("ဝါ", "War", 'F'), new("ချို", "Cho", 'F'), new("မွန်", "Mon", 'F'),
    ];

    // Honorifics are a form of address, not part of the name, and clerks add or drop them at will.
    internal static readonly Honorific[] Honorifics =
    [
        new("ဦး", "U", 'M', false), new("ဒေါ်", "Daw", 'F', false), new("မောင်", "Maung", 'M', true),
        new("မောင်", "Mg", 'M', true), new("ကို", "Ko", 'M', true), new("မ", "Ma", 'F', true),
    ];

    // NRC township codes: the state/region number and the township's initials, in Latin and in Myanmar script.
    internal static readonly Township[] Townships =
    [
        new(13, "MASATA", "မဆတ"), new(13, "LASHANA", "လရှန"), new(13, "NAKHANA", "နခန"), new(13, "KAKHANA", "ကခန"),
        new(13, "TAKANA", "တကန"), new(13, "THANANA", "သနန"), new(9, "MAHAMA", "မဟမ"), new(9, "AMAZA", "အမဇ"),
        new(9, "PAGATA", "ပကတ"), new(12, "OUKAMA", "ဥကမ"), new(12, "BAHANA", "ဗဟန"), new(12, "KAMAYA", "ကမရ"),
        new(12, "LAMANA", "လမန"), new(11, "SATANA", "စတန"), new(7, "PAKHANA", "ပခန"), new(1, "MAKANA", "မကန"),
        new(5, "MAYANA", "မရန"), new(10, "MALAMA", "မလမ"),
    ];

    private static readonly Syllable[] MaleSyllables = Syllables.Where(s => s.Lean != 'F').ToArray();
    private static readonly Syllable[] FemaleSyllables = Syllables.Where(s => s.Lean != 'M').ToArray();

    internal static (string Script, string Latin) PickName(Random random, char sex)
    {
        var pool = sex == 'F' ? FemaleSyllables : MaleSyllables;
        var roll = random.Next(100);
        var count = roll < 30 ? 2 : roll < 85 ? 3 : 4;
        var script = new System.Text.StringBuilder();
        var latin = new System.Text.StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var syllable = pool[random.Next(pool.Length)];
            script.Append(syllable.Script);
            if (i > 0)
            {
                latin.Append(' ');
            }

            latin.Append(syllable.Latin);
        }

        return (script.ToString(), latin.ToString());
    }

    internal static Honorific PickHonorific(Random random, char sex, int age)
    {
        var fitting = Honorifics.Where(h => h.Sex == sex && h.Young == (age < 35)).ToArray();
        return fitting[random.Next(fitting.Length)];
    }
}
