using Concord.Core.Domain;
using Concord.Matching;

namespace Concord.Core.Features.Intake;

/// <summary>Turns stored records into what the matching library compares.</summary>
public static class IdentityRecords
{
    public static IdentityRecord From(string key, IEnumerable<PersonRecord> records, IEnumerable<PersonIdentifier>? extra = null, IEnumerable<string>? phones = null)
    {
        var names = new List<string>();
        var aliases = new List<string>();
        var documents = new List<IdentityDocument>();
        var sex = Sex.Unknown;
        PartialDate? birth = null;
        string? nationality = null;
        foreach (var r in records)
        {
            if (r.Name is { } n && !names.Contains(n, StringComparer.Ordinal)) names.Add(n);
            if (r.NameLatin is { } l && !names.Contains(l, StringComparer.Ordinal)) names.Add(l);
            if (r.Aliases is { } a)
                foreach (var alias in a.Split([';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    if (!aliases.Contains(alias, StringComparer.Ordinal)) aliases.Add(alias);
            if (sex == Sex.Unknown) sex = r.Sex switch { "M" => Sex.Male, "F" => Sex.Female, _ => Sex.Unknown };
            if (r.BirthDate is { } b && PartialDate.TryParse(b, out var d) && (birth is null || Precision(d) > Precision(birth.Value))) birth = d;
            nationality ??= r.Nationality;
            if (r.IdType is { } t && r.IdNumber is { } number) AddDocument(documents, t, number);
        }
        if (extra is not null)
            foreach (var id in extra) AddDocument(documents, id.Type, id.Number);
        if (phones is not null)
            foreach (var p in phones) AddDocument(documents, DocumentNumbers.Phone, p);
        return new IdentityRecord { Key = key, Names = names, Aliases = aliases, Sex = sex, BirthDate = birth, Nationality = nationality, Documents = documents };
    }

    /// <summary>The identity columns of one stored record, read without tracking (a list of millions is streamed through this).</summary>
    public sealed record Columns(Guid Id, string? Name, string? NameLatin, string? Aliases, string? Sex, string? BirthDate, string? Nationality, string? IdType, string? IdNumber);

    public static IdentityRecord From(string key, Columns c)
    {
        var names = new List<string>(2);
        if (c.Name is { } n) names.Add(n);
        if (c.NameLatin is { } l && !string.Equals(l, c.Name, StringComparison.Ordinal)) names.Add(l);
        var aliases = c.Aliases is { } a
            ? a.Split([';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList()
            : [];
        PartialDate? birth = c.BirthDate is { } b && PartialDate.TryParse(b, out var d) ? d : null;
        var documents = c.IdType is { } t && c.IdNumber is { } number ? new[] { new IdentityDocument(t, number) } : [];
        return new IdentityRecord
        {
            Key = key,
            Names = names,
            Aliases = aliases,
            Sex = c.Sex switch { "M" => Sex.Male, "F" => Sex.Female, _ => Sex.Unknown },
            BirthDate = birth,
            Nationality = c.Nationality,
            Documents = documents,
        };
    }

    private static void AddDocument(List<IdentityDocument> documents, string type, string number)
    {
        if (!documents.Any(d => d.Type == type && d.Number == number)) documents.Add(new IdentityDocument(type, number));
    }

    private static int Precision(PartialDate d) => d.Day is not null ? 3 : d.Month is not null ? 2 : 1;
}
