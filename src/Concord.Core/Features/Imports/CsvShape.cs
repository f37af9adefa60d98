using System.Buffers;
using System.Globalization;
using System.Text;
using Concord.Matching;

namespace Concord.Core.Features.Imports;

/// <summary>
/// The shape of a field file, checked byte by byte as the file is hashed, before any row is read: RFC 4180 quoting (a
/// quoted cell closes, and a quote inside a cell is doubled), no row with more cells than the header, and no NUL byte
/// anywhere. The first fault is refused with its row (the spreadsheet row, the header being row 1) and column, so that a
/// quote left open never carries the next arrestee into a name. A text file that is not CSV (a JSON document) is only
/// checked for NUL bytes, by line.
/// </summary>
internal sealed class CsvShape(string fileName, bool csv)
{
    private enum State { CellStart, Unquoted, Quoted, QuoteInQuoted }

    private static readonly SearchValues<byte> InUnquoted = SearchValues.Create(",\r\n\"\0"u8);
    private static readonly SearchValues<byte> InQuoted = SearchValues.Create("\"\r\n\0"u8);
    private const int MaxHeaderCellBytes = 1024;

    private State _state = State.CellStart;
    private int _row = 1;
    private int _line = 1;
    private int _cell;
    private bool _afterCr;
    private int _quoteRow;
    private int _quoteCell;
    private readonly List<string> _header = [];
    private readonly List<byte> _headerCell = [];
    private bool _headerDone;

    /// <summary>Reads the next valid bytes of the file; <paramref name="line"/> is the line they begin on (for a file that is not CSV).</summary>
    public void Read(ReadOnlySpan<byte> bytes, int line)
    {
        if (!csv)
        {
            var nul = bytes.IndexOf((byte)0);
            if (nul >= 0) throw Refused(line + bytes[..nul].Count((byte)'\n'), null, new(ProblemTexts.NotCsvBinary));
            return;
        }
        var i = 0;
        while (i < bytes.Length)
        {
            // Runs of plain text are skipped whole; only the bytes that shape the file are looked at one by one.
            if (_headerDone && _state is State.Unquoted or State.Quoted)
            {
                var next = bytes[i..].IndexOfAny(_state == State.Quoted ? InQuoted : InUnquoted);
                if (next < 0) return;
                i += next;
            }
            Step(bytes[i]);
            i++;
        }
    }

    /// <summary>The end of the file: a quote still open is refused where it opened.</summary>
    public void End()
    {
        if (!csv) return;
        if (_state == State.Quoted)
            throw Refused(_quoteRow, Column(_quoteCell), new(ProblemTexts.QuoteNotClosed));
        if (_state != State.CellStart || _cell > 0) EndRow();
    }

    private void Step(byte b)
    {
        if (b == 0) throw Refused(_row, Column(_cell), new(ProblemTexts.NotCsvBinary));
        if (b == (byte)'\n') _line++;
        var afterCr = _afterCr;
        _afterCr = false;
        switch (_state)
        {
            case State.CellStart:
                if (b == (byte)'"')
                {
                    _state = State.Quoted;
                    _quoteRow = _row;
                    _quoteCell = _cell;
                }
                else if (b == (byte)',') NextCell();
                else if (b == (byte)'\n' && afterCr) { /* the second byte of CR LF */ }
                else if (b is (byte)'\r' or (byte)'\n') LineEnd(b);
                else
                {
                    _state = State.Unquoted;
                    Keep(b);
                }
                break;
            case State.Unquoted:
                if (b == (byte)',') NextCell();
                else if (b is (byte)'\r' or (byte)'\n') LineEnd(b);
                else if (b == (byte)'"') throw Refused(_row, Column(_cell), new(ProblemTexts.QuoteInCell));
                else Keep(b);
                break;
            case State.Quoted:
                // A line break inside a quoted cell belongs to the cell.
                if (b == (byte)'"') _state = State.QuoteInQuoted;
                else Keep(b);
                break;
            case State.QuoteInQuoted:
                if (b == (byte)'"')
                {
                    _state = State.Quoted;
                    Keep(b);
                }
                else if (b == (byte)',') NextCell();
                else if (b is (byte)'\r' or (byte)'\n') LineEnd(b);
                else throw Refused(_quoteRow, Column(_quoteCell), new(ProblemTexts.QuoteRunsOn, Inv(_line)));
                break;
        }
    }

    private void Keep(byte b)
    {
        if (!_headerDone && _headerCell.Count < MaxHeaderCellBytes) _headerCell.Add(b);
    }

    private void NextCell()
    {
        if (!_headerDone)
        {
            _header.Add(Encoding.UTF8.GetString([.. _headerCell]).Trim().TrimStart('\uFEFF'));
            _headerCell.Clear();
        }
        _cell++;
        _state = State.CellStart;
    }

    private void LineEnd(byte b)
    {
        EndRow();
        _afterCr = b == (byte)'\r';
    }

    private void EndRow()
    {
        if (!_headerDone)
        {
            NextCell();
            _headerDone = true;
        }
        else if (_cell + 1 > _header.Count)
            throw Refused(_row, Inv(_header.Count + 1), new(ProblemTexts.CellCount, Inv(_cell + 1), Inv(_header.Count)));
        _row++;
        _cell = 0;
        _state = State.CellStart;
    }

    /// <summary>The header's name for a cell, or its position (1 for the first) where the header has none.</summary>
    private string Column(int cell) => _headerDone && cell < _header.Count && _header[cell].Length > 0 ? _header[cell] : Inv(cell + 1);

    private ConcordException Refused(int row, string? column, Phrase phrase) => CsvTable.Problem(fileName, row, column, phrase);

    private static string Inv(int value) => value.ToString(CultureInfo.InvariantCulture);
}
