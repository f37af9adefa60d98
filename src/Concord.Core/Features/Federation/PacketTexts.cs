using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Concord.Matching;

namespace Concord.Core.Features.Federation;

/// <summary>
/// Why a packet was refused, as templates: the inbox keeps the English sentence (it also goes back to the sending node),
/// and the pages read it back into its template and values to say it in their reader's language.
/// </summary>
public static class PacketTexts
{
    public const string NotAPartner = "{0} is not a partner of this node";
    public const string UnknownKey = "signed by {0}, which is not a key of {1}";
    public const string BadSignature = "the signature does not verify with {0}";
    public const string OtherNode = "addressed to node {0}, not to this node ({1})";
    public const string NotOurAgency = "addressed to {0}, which is not an agency of this node";
    public const string NotHosted = "{0} is not hosted by {1}";
    public const string UnknownType = "this node does not take packets of type '{0}'";
    public const string UnknownHandling = "handling code '{0}' is not one this node knows";
    public const string NoAgreement = "no agreement in force here binds {0} and {1}";
    public const string AgreementAwaits = "no agreement in force here binds {0} and {1}: agreement {2} awaits the acceptance of {3}";

    public static IReadOnlyList<string> All { get; } = Phrase.TemplatesIn(typeof(PacketTexts));

    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    private static readonly IReadOnlyList<string> Templates = [.. All.Concat(ErrorTexts.All).Distinct(StringComparer.Ordinal).OrderByDescending(t => t.Length)];

    /// <summary>
    /// A stored reason as its template and values: one of these, or one of the workflows' refusals (<see cref="ErrorTexts"/>)
    /// that a packet's handler gave; none for a reason in no template's form, which is shown as it is.
    /// </summary>
    public static Phrase? Read(string? reason)
    {
        if (string.IsNullOrEmpty(reason)) return null;
        // The longest template first: a shorter one may also match, taking the rest of the sentence into its last value.
        foreach (var template in Templates)
        {
            var match = Patterns.GetOrAdd(template, Pattern).Match(reason);
            if (!match.Success) continue;
            var count = Regex.Matches(template, @"\{(\d+)\}").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(-1).Max() + 1;
            return new Phrase(template, [.. Enumerable.Range(0, count).Select(i => match.Groups[$"a{i}"].Value)]);
        }
        return null;
    }

    private static Regex Pattern(string template) =>
        new("^" + Regex.Replace(Regex.Escape(template), @"\\\{(\d+)}", m => $"(?<a{m.Groups[1].Value}>.+?)") + "$", RegexOptions.CultureInvariant);
}
