using System.Text;

namespace Concord.Bench;

/// <summary>Minimal RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks.</summary>
public static class Csv
{
    public static List<Dictionary<string, string?>> ReadFile(string path)
    {
        var rows = Parse(File.ReadAllText(path, Encoding.UTF8));
        if (rows.Count == 0)
        {
            return [];
        }
        var header = rows[0];
        var result = new List<Dictionary<string, string?>>(rows.Count - 1);
        for (var r = 1; r < rows.Count; r++)
        {
            var fields = rows[r];
            // A trailing newline yields one empty field; it is not a record.
            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue;
            }
            var row = new Dictionary<string, string?>(header.Count, StringComparer.Ordinal);
            for (var c = 0; c < header.Count; c++)
            {
                var value = c < fields.Count ? fields[c] : string.Empty;
                row[header[c]] = string.IsNullOrWhiteSpace(value) ? null : value;
            }
            result.Add(row);
        }
        return result;
    }

    public static List<List<string>> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var i = 0;
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            i = 1;
        }
        for (; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch != '"')
                {
                    field.Append(ch);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
                continue;
            }
            switch (ch)
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
                    field.Append(ch);
                    break;
            }
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }
        return rows;
    }
}
