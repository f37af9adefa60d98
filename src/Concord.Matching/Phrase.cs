using System.Globalization;
using System.Reflection;
using System.Text.Json.Serialization;

namespace Concord.Matching;

/// <summary>
/// A sentence as a template in English and the values that fill it (numbers, names, dates as the records write them), so
/// that a screen can say it in its reader's language: the template is translated, the values never are. The findings of
/// a comparison (<see cref="Findings"/>) and the problems of an import are kept this way.
/// </summary>
public sealed record Phrase
{
    /// <summary>Also how a stored phrase is read back (the review queue keeps a proposal's findings as JSON).</summary>
    [JsonConstructor]
    public Phrase(string template, IReadOnlyList<string> args)
    {
        Template = template;
        Args = args;
    }

    public Phrase(string template, params string[] args) : this(template, (IReadOnlyList<string>)args)
    {
    }

    public string Template { get; }

    public IReadOnlyList<string> Args { get; }

    [JsonIgnore]
    public string English => string.Format(CultureInfo.InvariantCulture, Template, [.. Args]);

    /// <summary>The templates a class holds as string constants, for the screens' translation tables and their tests.</summary>
    public static IReadOnlyList<string> TemplatesIn(Type holder) => holder.GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).Distinct(StringComparer.Ordinal).ToList();
}
