using System.Text;
using Concord.Matching;

namespace Concord.Bench;

/// <summary>One person row as both approaches see it: the product's IdentityRecord and the spreadsheet's folded name.</summary>
public sealed record Person(string Key, IdentityRecord Record, string NameKey);

/// <summary>The Muse scenario's roster and watch lists, loaded the way the intake pipeline reads them.</summary>
public sealed class Dataset
{
    private Dataset(string root, List<Person> list, List<Person> roster)
    {
        Root = root;
        List = list;
        Roster = roster;
    }

    public string Root { get; }

    /// <summary>Wanted list followed by lead targets: the set every roster row is checked against.</summary>
    public List<Person> List { get; }

    public List<Person> Roster { get; }

    public static Dataset Load()
    {
        var root = FindRepositoryRoot();
        var muse = Path.Combine(root, "testdata", "muse");
        var list = new List<Person>();
        list.AddRange(Csv.ReadFile(Path.Combine(muse, "wanted.csv")).Select(r => ToPerson(r, "wanted_id")));
        list.AddRange(Csv.ReadFile(Path.Combine(muse, "lead-targets.csv")).Select(r => ToPerson(r, "target_id")));
        var roster = Csv.ReadFile(Path.Combine(muse, "roster.csv")).Select(r => ToPerson(r, "roster_no")).ToList();
        return new Dataset(root, list, roster);
    }

    public static string FindRepositoryRoot()
    {
        // The benchmark runs from a generated child-process folder, so a relative path would not survive.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Concord.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Concord.slnx not found above " + AppContext.BaseDirectory);
    }

    public static Person ToPerson(Dictionary<string, string?> row, string keyColumn)
    {
        ArgumentNullException.ThrowIfNull(row);
        var key = row[keyColumn] ?? throw new InvalidDataException("row without " + keyColumn);
        var name = row.GetValueOrDefault("name");
        var latin = row.GetValueOrDefault("name_latin");

        var names = new List<string>(2);
        if (name is not null)
        {
            names.Add(name);
        }
        if (latin is not null)
        {
            names.Add(latin);
        }

        var aliases = (row.GetValueOrDefault("aliases") ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        var sex = FieldValues.TryParseSex(row.GetValueOrDefault("sex"), out var s) ? s : Sex.Unknown;
        PartialDate? birth = PartialDate.TryParse(row.GetValueOrDefault("birth_date"), out var d) ? d : null;
        var nationality = FieldValues.TryParseNationality(row.GetValueOrDefault("nationality"), out var iso3) ? iso3 : null;

        var idType = row.GetValueOrDefault("id_type");
        var idNumber = row.GetValueOrDefault("id_number");
        IdentityDocument[] documents = idType is not null && idNumber is not null
            ? [new IdentityDocument(idType, DocumentNumbers.Canonical(idType, idNumber))]
            : [];

        var record = new IdentityRecord
        {
            Key = key,
            Names = names,
            Aliases = aliases,
            Sex = sex,
            BirthDate = birth,
            Nationality = nationality,
            Documents = documents,
        };
        return new Person(key, record, SpreadsheetKey(name, latin));
    }

    /// <summary>
    /// What a clerk would fuzzy-match on: the Latin name reduced to lower-case letters, or the raw native-script name
    /// when no Latin spelling was written.
    /// </summary>
    public static string SpreadsheetKey(string? name, string? latin)
    {
        var folded = FoldLatin(latin);
        if (folded.Length == 0)
        {
            folded = FoldLatin(name);
        }
        if (folded.Length > 0)
        {
            return folded;
        }
        return name is null ? string.Empty : string.Concat(name.Where(c => !char.IsWhiteSpace(c)));
    }

    private static string FoldLatin(string? text)
    {
        if (text is null)
        {
            return string.Empty;
        }
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (c is >= 'a' and <= 'z')
            {
                sb.Append(c);
            }
            else if (c is >= 'A' and <= 'Z')
            {
                sb.Append((char)(c + ('a' - 'A')));
            }
        }
        return sb.ToString();
    }
}
