using System.Text;

namespace Concord.Scenarios;

/// <summary>A minimal RFC 4180 writer: UTF-8 without BOM, LF line ends like the field files, quoting only where needed.</summary>
internal sealed class CsvWriter : IDisposable
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private readonly StreamWriter _writer;

    internal CsvWriter(string path, params string[] header)
    {
        _writer = new StreamWriter(path, append: false, Utf8NoBom) { NewLine = "\n" };
        WriteRow(header);
    }

    internal void WriteRow(params string?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                _writer.Write(',');
            }

            WriteCell(cells[i] ?? string.Empty);
        }

        _writer.Write('\n');
    }

    private void WriteCell(string cell)
    {
        if (cell.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            _writer.Write(cell);
            return;
        }

        _writer.Write('"');
        _writer.Write(cell.Replace("\"", "\"\"", StringComparison.Ordinal));
        _writer.Write('"');
    }

    public void Dispose() => _writer.Dispose();
}
