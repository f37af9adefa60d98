using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Concord.Core;
using Concord.Matching;

namespace Concord.Cli.Web.Text;

/// <summary>
/// Every string of the UI, in English, Simplified Chinese and Burmese. The English text is the key, so a page reads as
/// it shows; the other languages come from the files in <c>zh/</c> and <c>my/</c> beside this file (one file per part of
/// the app, merged). A key missing from a table shows in English and is reported by the translation tests, never silently.
/// </summary>
public sealed class UiText
{
    public static readonly IReadOnlyList<string> Languages = ["en", "zh", "my"];

    /// <summary>Texts translated differently by two files of the same language.</summary>
    public static readonly List<string> Disagreements = [];

    private static readonly FrozenDictionary<string, FrozenDictionary<string, string>> Tables = Languages.Skip(1)
        .ToFrozenDictionary(l => l, Load, StringComparer.Ordinal);

    /// <summary>The language of the current UI culture: en, zh or my.</summary>
    public static string Current => LanguageOf(CultureInfo.CurrentUICulture);

    public static string LanguageOf(CultureInfo culture) => culture.TwoLetterISOLanguageName switch
    {
        "zh" => "zh",
        "my" => "my",
        _ => "en",
    };

    public static CultureInfo CultureOf(string language) => CultureInfo.GetCultureInfo(language switch
    {
        "zh" => "zh-CN",
        "my" => "my-MM",
        _ => "en-GB",
    });

    public string this[string english] => Translate(english, Current);

    /// <summary>A text with placeholders ({0}, {1}…) filled in after translation.</summary>
    public string this[string english, params object?[] args] => string.Format(CultureInfo.CurrentCulture, Translate(english, Current), args);

    /// <summary>A sentence kept as a template and its values: the template translated, the values as they were written.</summary>
    public string this[Phrase phrase] => string.Format(CultureInfo.CurrentCulture, Translate(phrase.Template, Current), [.. phrase.Args]);

    /// <summary>A problem of an import in the reader's language, or as written when it came without a template.</summary>
    public string this[InputProblem problem] => problem.Phrase is { } phrase ? this[phrase] : problem.Detail;

    /// <summary>A workflow's refusal in the reader's language, or as written when it came without a template.</summary>
    public string this[ConcordError error] => error.Phrase is { } phrase ? this[phrase] : error.Message;

    public static string Translate(string english, string language)
    {
        if (language == "en") return english;
        if (Tables.TryGetValue(language, out var table) && table.TryGetValue(english, out var text)) return text;
        Missed.TryAdd($"{language}: {english}", 0);
        return english;
    }

    /// <summary>Every lookup that fell back to English since start, for the page walk of the translation tests and for the operator's log.</summary>
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> Missed = new(StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, string> Table(string language) => Tables[language];

    private static FrozenDictionary<string, string> Load(string language)
    {
        var assembly = typeof(UiText).Assembly;
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        // Files are read in name order, so that when two parts of the app disagree on a text the same one wins every time;
        // the translation tests list every such disagreement.
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.Replace('\\', '/').StartsWith($"text/{language}/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            foreach (var (english, text) in JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [])
                if (!table.TryAdd(english, text) && table[english] != text)
                    Disagreements.Add($"{language}: '{english}' is '{table[english]}' in one file and '{text}' in {name}");
        }
        return table.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
