using System.Text;

namespace Concord.Matching.Tests;

internal static class Csv
{
    /// <summary>The Muse sample's wanted list and lead targets, indexed as intake indexes them.</summary>
    public static IdentityIndex MuseListsIndex()
    {
        var dir = MuseDir();
        var index = new IdentityIndex();
        foreach (var w in Read(Path.Combine(dir, "wanted.csv"))) index.Add(ToRecord("wanted:" + w["wanted_id"], w));
        foreach (var t in Read(Path.Combine(dir, "lead-targets.csv"))) index.Add(ToRecord("target:" + t["target_id"], t));
        return index;
    }

    // Minimal RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF, optional BOM.
    public static List<Dictionary<string, string>> Read(string path)
    {
        var text = File.ReadAllText(path, Encoding.UTF8).TrimStart('\uFEFF');
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    row.Add(field.ToString());
                    field.Clear();
                    rows.Add(row);
                    row = [];
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }
        var header = rows[0];
        var result = new List<Dictionary<string, string>>(rows.Count - 1);
        foreach (var r in rows.Skip(1))
        {
            var d = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var k = 0; k < header.Count; k++)
            {
                d[header[k]] = k < r.Count ? r[k] : string.Empty;
            }
            result.Add(d);
        }
        return result;
    }

    public static string MuseDir()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "testdata", "muse")))
        {
            dir = dir.Parent;
        }
        return dir is null ? throw new DirectoryNotFoundException("testdata/muse not found above " + AppContext.BaseDirectory) : Path.Combine(dir.FullName, "testdata", "muse");
    }

    public static IdentityRecord ToRecord(string key, Dictionary<string, string> row)
    {
        var names = new List<string>();
        foreach (var col in new[] { "name", "name_latin" })
        {
            if (row.TryGetValue(col, out var v) && !string.IsNullOrWhiteSpace(v))
            {
                names.Add(v);
            }
        }
        var aliases = row.TryGetValue("aliases", out var al) && al.Length > 0
            ? al.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()
            : [];
        Assert.True(FieldValues.TryParseSex(row["sex"], out var sex), "sex " + row["sex"]);
        PartialDate? birth = PartialDate.TryParse(row["birth_date"], out var d) ? d : null;
        Assert.True(FieldValues.TryParseNationality(row["nationality"], out var nat), "nationality " + row["nationality"]);
        var docs = new List<IdentityDocument>();
        if (!string.IsNullOrWhiteSpace(row["id_type"]) && !string.IsNullOrWhiteSpace(row["id_number"]))
        {
            docs.Add(new IdentityDocument(row["id_type"].Trim(), DocumentNumbers.Canonical(row["id_type"], row["id_number"])));
        }
        return new IdentityRecord { Key = key, Names = names, Aliases = aliases, Sex = sex, BirthDate = birth, Nationality = nat, Documents = docs };
    }
}
