using System.Globalization;
using System.Text.RegularExpressions;
using Concord.Core.Features.Imports;
using Concord.Matching;

namespace Concord.Core.Features.Cases;

/// <summary>
/// The cells that victims' reports and device extractions share: identifiers (normalised by <see cref="CaseIdentifiers"/>,
/// refused with the reason in the officer's language), and amounts with their currency.
/// </summary>
public static partial class CaseFields
{
    /// <summary>What separates several values in one cell: semicolons, Chinese enumeration commas, line breaks.</summary>
    private static readonly char[] Separators = [';', '；', '、', '\n', '\r'];

    /// <summary>The values of a cell that may hold several.</summary>
    public static IEnumerable<string> Split(string? cell) =>
        cell is null ? [] : cell.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The identifier read from a cell; null, with the problem added, when it is refused.</summary>
    public static IdentifierReading? Identifier(IdentifierKind kind, string written, string region, string file, int row, string column, List<InputProblem> problems)
    {
        var r = CaseIdentifiers.Read(kind, written, region);
        if (r.Ok) return r;
        problems.Add(new(file, row, column, Problem(r)));
        return null;
    }

    /// <summary>The region (ISO 3166 alpha-2) a number written without its country code is read in: the agency's country's.</summary>
    public static string RegionOf(string? country, string fallback) => country is { } c && Countries.All.TryGetValue(c, out var t) ? t.Iso2 : fallback;

    /// <summary>Why an identifier was refused, as a sentence the screens translate.</summary>
    public static Phrase Problem(IdentifierReading r) => r.Problem switch
    {
        IdentifierProblem.Empty => new Phrase(ProblemTexts.ValueRequired),
        IdentifierProblem.NotAPhoneNumber => new Phrase(ProblemTexts.NotAPhoneNumber, r.Written),
        IdentifierProblem.CardLength => new Phrase(ProblemTexts.CardLength, r.Written),
        IdentifierProblem.CardCheckDigit => new Phrase(ProblemTexts.CardCheckDigit, r.Written),
        IdentifierProblem.AccountShape => new Phrase(ProblemTexts.AccountShape, r.Written),
        IdentifierProblem.TronShape => new Phrase(ProblemTexts.TronShape, r.Written),
        IdentifierProblem.TronChecksum => new Phrase(ProblemTexts.TronChecksum, r.Written),
        IdentifierProblem.EthereumShape => new Phrase(ProblemTexts.EthereumShape, r.Written),
        IdentifierProblem.EthereumChecksum => new Phrase(ProblemTexts.EthereumChecksum, r.Written),
        IdentifierProblem.AccountName => new Phrase(ProblemTexts.AccountName, r.Written, AppName(r.Kind)),
        IdentifierProblem.QQNumber => new Phrase(ProblemTexts.QQNumber, r.Written),
        IdentifierProblem.NotAUrl => new Phrase(ProblemTexts.NotAUrl, r.Written),
        IdentifierProblem.ImeiLength => new Phrase(ProblemTexts.ImeiLength, r.Written),
        IdentifierProblem.ImeiCheckDigit => new Phrase(ProblemTexts.ImeiCheckDigit, r.Written),
        _ => new Phrase(ProblemTexts.ImsiShape, r.Written),
    };

    /// <summary>An app's name as its users write it.</summary>
    public static string AppName(IdentifierKind kind) => kind switch
    {
        IdentifierKind.WeChat => "WeChat",
        IdentifierKind.Telegram => "Telegram",
        IdentifierKind.WhatsApp => "WhatsApp",
        IdentifierKind.Line => "LINE",
        IdentifierKind.QQ => "QQ",
        _ => CaseIdentifiers.KindName(kind),
    };

    /// <summary>
    /// The key two identifiers meet on: the kind's family (a WhatsApp account is its telephone number) and the normalised
    /// value.
    /// </summary>
    public static string Key(string kind, string value) => (kind == "whatsapp" ? "phone" : kind) + ":" + value;

    /// <summary>The flags as stored and shown: their names, comma-separated; null for none.</summary>
    public static string? FlagText(IdentifierFlags flags) => flags == IdentifierFlags.None
        ? null
        : string.Join(",", Enum.GetValues<IdentifierFlags>().Where(f => f != IdentifierFlags.None && flags.HasFlag(f)).Select(f => f.ToString()));

    [GeneratedRegex(@"^\s*(?<n>[0-9][0-9,]*(?:\.[0-9]+)?)\s*(?<u>万元|万|元|[A-Za-z]{3,4}|人民币|美元|缅币|缅元|泰铢)?\s*$")]
    private static partial Regex AmountPattern();

    private static readonly Dictionary<string, string> CurrencyWords = new(StringComparer.Ordinal)
    {
        ["元"] = "CNY",
        ["人民币"] = "CNY",
        ["美元"] = "USD",
        ["缅币"] = "MMK",
        ["缅元"] = "MMK",
        ["泰铢"] = "THB",
    };

    /// <summary>A currency as written: a three-letter ISO 4217 code, USDT or USDC, or its Chinese name; null otherwise.</summary>
    public static string? Currency(string? written)
    {
        var t = written?.Trim();
        if (string.IsNullOrEmpty(t)) return null;
        if (CurrencyWords.TryGetValue(t, out var c)) return c;
        var upper = t.ToUpperInvariant();
        if (upper is "USDT" or "USDC" or "RMB") return upper == "RMB" ? "CNY" : upper;
        return upper.Length == 3 && upper.All(char.IsAsciiLetterUpper) ? upper : null;
    }

    /// <summary>
    /// The amounts of a cell ("3000", "3,000.50 CNY", "5万元", "200 USDT", several separated by semicolons), each with its
    /// currency: as written after it, else <paramref name="currencyCell"/>, else <paramref name="assumed"/> (flagged by
    /// the caller). A problem is added for each that cannot be read.
    /// </summary>
    public static List<(decimal Amount, string Currency, bool Assumed)> Amounts(string? cell, string? currencyCell, string? assumed, string file, int row, string column,
        List<InputProblem> problems)
    {
        var result = new List<(decimal, string, bool)>();
        string? given = null;
        if (currencyCell is not null)
        {
            given = Currency(currencyCell);
            if (given is null) { problems.Add(new(file, row, "currency", new Phrase(ProblemTexts.NotACurrency, currencyCell))); return result; }
        }
        foreach (var part in Split(cell))
        {
            var m = AmountPattern().Match(FieldValues.ToAsciiDigits(part.Normalize(System.Text.NormalizationForm.FormKC)));
            if (!m.Success || !decimal.TryParse(m.Groups["n"].Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
            {
                problems.Add(new(file, row, column, new Phrase(ProblemTexts.NotAnAmount, part)));
                continue;
            }
            var unit = m.Groups["u"].Success ? m.Groups["u"].Value : null;
            if (unit is "万元" or "万")
            {
                n *= 10_000m;
                unit = "CNY";
            }
            var currency = unit is null ? given : Currency(unit);
            if (unit is not null && currency is null) { problems.Add(new(file, row, column, new Phrase(ProblemTexts.NotACurrency, unit))); continue; }
            if (currency is not null) result.Add((n, currency, false));
            else if (assumed is not null) result.Add((n, assumed, true));
            else problems.Add(new(file, row, column, new Phrase(ProblemTexts.CurrencyNeeded, part)));
        }
        return result;
    }
}
