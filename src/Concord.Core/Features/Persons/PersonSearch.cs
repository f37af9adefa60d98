using Concord.Core.Domain;
using Concord.Core.Storage;
using Concord.Matching;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Persons;

/// <summary>
/// What a clerk may type to find a person, kept on the person (<see cref="Person.SearchText"/>) in the matcher's
/// normal forms: Chinese names in simplified characters (張飛宇 finds 张飞宇) and in toneless pinyin ("zhang feiyu",
/// "feiyu zhang"), Latin names folded (case, spaces, hyphens and commas aside), Burmese in Unicode (Zawgyi read as
/// Unicode), roster numbers, document numbers and phone digits. Made at import, again after a merge or a correction.
/// </summary>
public static class PersonSearch
{
    private const char Separator = '|';

    /// <summary>The search text of a person with these roster rows.</summary>
    public static string TextOf(IEnumerable<RosterRecord> rows)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            Add(keys, r.RosterNo);
            foreach (var name in new[] { r.Name, r.NameLatin }.Concat((r.Aliases ?? "").Split([';', '；', '/'], StringSplitOptions.RemoveEmptyEntries)))
                if (!string.IsNullOrWhiteSpace(name)) AddName(keys, name);
            Add(keys, r.IdNumber);
            if (r.Phone is { } phone) Add(keys, new string(phone.Where(char.IsAsciiDigit).ToArray()));
        }
        return Separator + string.Join(Separator, keys) + Separator;
    }

    /// <summary>The forms a typed query is looked for in: any one found in a person's search text finds them.</summary>
    public static IReadOnlyList<string> QueryKeys(string query)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        var q = query.Trim();
        if (q.Length == 0) return [];
        // A query with digits in it is a roster, document or phone number: read as a name, its letters alone ("MUSE" of
        // MUSE-0016) would find every row.
        if (!q.Any(char.IsDigit)) AddName(keys, q);
        Add(keys, q);
        return keys.Where(k => k.Length > 0).ToList();
    }

    private static void AddName(SortedSet<string> keys, string name)
    {
        var text = name.AsSpan().ContainsAnyInRange('\u1000', '\u109F') ? Zawgyi.ToUnicode(name) : name;
        switch (NameText.DetectScript(text))
        {
            case Script.Han:
                var han = NameText.HanKey(ChineseNames.ToSimplified(text));
                keys.Add(han);
                foreach (var pinyin in ChineseNames.Pinyin(han, 2)) AddLatin(keys, pinyin);
                break;
            case Script.Latin:
                AddLatin(keys, text);
                break;
            default:
                Add(keys, NameText.Fold(text).Replace(" ", "", StringComparison.Ordinal));
                break;
        }
    }

    /// <summary>A Latin name as written (folded, no spaces) and in the matcher's key forms (surname first, either order).</summary>
    private static void AddLatin(SortedSet<string> keys, string latin)
    {
        var tokens = NameText.Fold(latin).Replace("-", " ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0) return;
        keys.Add(string.Concat(tokens));
        keys.Add(string.Concat(tokens.Skip(1).Append(tokens[0])));
        foreach (var key in NameText.LatinKeys(latin)) keys.Add(key);
    }

    private static void Add(SortedSet<string> keys, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        var folded = NameText.Fold(value).Replace(" ", "", StringComparison.Ordinal);
        if (folded.Length > 0) keys.Add(folded);
    }

    /// <summary>Makes the search text (and first roster number) of these persons again from their roster rows (after a merge or a correction).</summary>
    public static async Task RefreshAsync(ConcordDbContext db, IReadOnlyCollection<Guid> persons, CancellationToken ct)
    {
        var rows = (await db.RosterRecords.AsNoTracking().Where(r => persons.Contains(r.PersonId)).ToListAsync(ct)).ToLookup(r => r.PersonId);
        foreach (var person in await db.Persons.Where(p => persons.Contains(p.Id)).ToListAsync(ct))
        {
            person.SearchText = TextOf(rows[person.Id]);
            person.RosterNo = rows[person.Id].Select(r => r.RosterNo).Order(StringComparer.Ordinal).FirstOrDefault();
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Gives every person made before search texts were kept theirs; run once the schema is brought up to date.</summary>
    public static async Task BackfillAsync(ConcordDbContext db, CancellationToken ct)
    {
        while (true)
        {
            var batch = await db.Persons.AsNoTracking().Where(p => p.SearchText == null).OrderBy(p => p.Id).Select(p => p.Id).Take(2000).ToListAsync(ct);
            if (batch.Count == 0) return;
            await RefreshAsync(db, batch, ct);
            // A person with no roster row keeps an empty text, so that the loop ends.
            await db.Persons.Where(p => batch.Contains(p.Id) && p.SearchText == null).ExecuteUpdateAsync(s => s.SetProperty(p => p.SearchText, "||"), ct);
        }
    }
}
