using System.Globalization;
using Concord.Matching;
using Concord.Scenarios;

namespace Concord.Bench.Scale;

/// <summary>
/// Turns a generated identity into the record the index holds, and into a query with the slips a raid roster has: the
/// name in one script only, reordered, joined or upper-cased; a partial or day/month-swapped birth date; the ID number
/// missing, one digit wrong, or a passport given instead. Deterministic for a seed.
/// </summary>
internal static class RosterNoise
{
    public static string KeyOf(long number) => "P" + number.ToString(CultureInfo.InvariantCulture);

    public static IdentityRecord ToRecord(GeneratedIdentity g)
    {
        var docs = new List<IdentityDocument>(2);
        if (g.CnRic is not null)
        {
            docs.Add(new IdentityDocument(DocumentNumbers.CnRic, g.CnRic));
        }
        if (g.MmNrc is not null)
        {
            docs.Add(new IdentityDocument(DocumentNumbers.MmNrc, g.MmNrc));
        }
        if (g.Passport is not null)
        {
            docs.Add(new IdentityDocument(DocumentNumbers.Passport, g.Passport));
        }
        return new IdentityRecord
        {
            Key = KeyOf(g.Number),
            Names = [g.Name, g.NameLatin],
            Sex = SexOf(g.Sex),
            BirthDate = new PartialDate(g.BirthDate.Year, g.BirthDate.Month, g.BirthDate.Day),
            Nationality = g.Nationality,
            Documents = docs,
        };
    }

    public static IdentityRecord ToQuery(GeneratedIdentity g, Random random)
    {
        var names = new List<string>(2);
        var form = random.Next(100);
        if (form < 30)
        {
            names.Add(g.Name);
        }
        else
        {
            names.Add(LatinVariant(g.NameLatin, random));
            if (form >= 70)
            {
                names.Add(g.Name);
            }
        }

        var b = g.BirthDate;
        var dateRoll = random.Next(100);
        PartialDate birth = dateRoll switch
        {
            < 35 => new PartialDate(b.Year, b.Month, b.Day),
            < 55 => new PartialDate(b.Year, null, null),
            < 75 => new PartialDate(b.Year, b.Month, null),
            _ when b.Day <= 12 && b.Day != b.Month => new PartialDate(b.Year, b.Day, b.Month),
            _ => new PartialDate(b.Year, b.Month, b.Day),
        };

        var docs = new List<IdentityDocument>(1);
        var docRoll = random.Next(100);
        var (type, number) = g.CnRic is not null ? (DocumentNumbers.CnRic, g.CnRic) : (DocumentNumbers.MmNrc, g.MmNrc!);
        if (docRoll < 35)
        {
            docs.Add(new IdentityDocument(type, number));
        }
        else if (docRoll < 60)
        {
            // missing
        }
        else if (docRoll < 80)
        {
            docs.Add(new IdentityDocument(type, OneDigitWrong(number, random)));
        }
        else if (g.Passport is not null)
        {
            docs.Add(new IdentityDocument(DocumentNumbers.Passport, g.Passport));
        }

        return new IdentityRecord
        {
            Key = "Q",
            Names = names,
            Sex = random.Next(100) < 80 ? SexOf(g.Sex) : Sex.Unknown,
            BirthDate = birth,
            Nationality = g.Nationality,
            Documents = docs,
        };
    }

    private static Sex SexOf(char c) => c switch
    {
        'M' => Sex.Male,
        'F' => Sex.Female,
        _ => Sex.Unknown,
    };

    private static string LatinVariant(string latin, Random random)
    {
        var tokens = latin.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var s = random.Next(4) switch
        {
            0 => latin,
            // Given name first, surname last, as foreign forms put it.
            1 when tokens.Length > 1 => string.Join(' ', tokens[1..]) + " " + tokens[0],
            2 => string.Concat(tokens),
            _ => latin.ToUpperInvariant(),
        };
        return random.Next(100) < 20 ? s.ToUpperInvariant() : s;
    }

    private static string OneDigitWrong(string number, Random random)
    {
        var digits = new List<int>();
        for (var i = 0; i < number.Length; i++)
        {
            // The CN-RIC check character is left alone: a slip in the body is the common case and the harder one.
            if (char.IsAsciiDigit(number[i]) && !(number.Length == 18 && i == 17))
            {
                digits.Add(i);
            }
        }
        if (digits.Count == 0)
        {
            return number;
        }
        var at = digits[random.Next(digits.Count)];
        var chars = number.ToCharArray();
        chars[at] = (char)('0' + ((chars[at] - '0' + 1 + random.Next(9)) % 10));
        return new string(chars);
    }
}
