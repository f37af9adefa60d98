using System.Text;

namespace Concord.Scenarios.Tests;

/// <summary>An independent RFC 4180 reader, so the tests do not trust the generator's own writer.</summary>
internal static class Csv
{
    public static List<string[]> Read(string path)
    {
        var text = File.ReadAllText(path, Encoding.UTF8);
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else if (c != '\r')
            {
                cell.Append(c);
            }
        }

        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add([.. row]);
        }

        return rows;
    }

    public static List<Dictionary<string, string>> ReadRecords(string path)
    {
        var rows = Read(path);
        var header = rows[0];
        return rows.Skip(1)
            .Select(r => header.Select((h, i) => (h, v: r[i])).ToDictionary(x => x.h, x => x.v, StringComparer.Ordinal))
            .ToList();
    }
}
