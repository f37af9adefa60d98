using QRCoder;
using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace Concord.Core.Paper;

/// <summary>
/// The typefaces papers are set in, read once from the fonts shipped beside the program (<c>fonts/</c>): Noto Sans for
/// Latin, Noto Sans Myanmar for Burmese (shaped with HarfBuzz, so that stacked consonants and vowels sit right), and
/// Droid Sans Fallback for Han. A node prints every script without any font installed on it.
/// </summary>
public sealed class PaperFonts
{
    private static readonly Lazy<PaperFonts> Loaded = new(() => new PaperFonts(Path.Combine(AppContext.BaseDirectory, "fonts")));

    public static PaperFonts Shared => Loaded.Value;

    private PaperFonts(string folder)
    {
        SKTypeface Load(string file) => SKTypeface.FromFile(Path.Combine(folder, file))
            ?? throw new FileNotFoundException($"the font {file} is missing from {folder}: reinstall Concord", Path.Combine(folder, file));
        Latin = Load("NotoSans-Regular.ttf");
        Myanmar = Load("NotoSansMyanmar-Regular.ttf");
        Han = Load("DroidSansFallbackFull.ttf");
        MyanmarShaper = new SKShaper(Myanmar);
        LatinFont = new SKFont(Latin);
    }

    public SKTypeface Latin { get; }
    public SKTypeface Myanmar { get; }
    public SKTypeface Han { get; }
    internal SKShaper MyanmarShaper { get; }

    /// <summary>Asked which characters the Latin face has; the rest go to the Han face.</summary>
    internal SKFont LatinFont { get; }

    internal static bool IsMyanmar(char c) => c is >= '\u1000' and <= '\u109F' or >= '\uAA60' and <= '\uAA7F' or >= '\uA9E0' and <= '\uA9FF';
}

/// <summary>
/// An A4 portrait paper written page by page: text in any script, wrapped to a width; tables whose header repeats on each
/// page; boxes, lines and a QR code. Run twice by <see cref="Write"/>: once to count the pages, once to print them with
/// "page N of M".
/// </summary>
public sealed class PaperDocument
{
    public const float PageWidth = 595.28f, PageHeight = 841.89f, Margin = 36f;
    public const float Bottom = PageHeight - Margin - 18f;

    private readonly PaperFonts _fonts = PaperFonts.Shared;
    private readonly SKDocument? _document;
    private readonly Action<PaperDocument> _pageHeader;
    private readonly Func<int, int, string> _footer;
    private readonly int _pages;
    private SKCanvas? _canvas;

    private PaperDocument(SKDocument? document, int pages, Action<PaperDocument> pageHeader, Func<int, int, string> footer)
    {
        _document = document;
        _pages = pages;
        _pageHeader = pageHeader;
        _footer = footer;
    }

    /// <summary>The page being written, from 1.</summary>
    public int Page { get; private set; }

    /// <summary>Where the next line goes, from the top of the page.</summary>
    public float Y { get; set; }

    /// <summary>
    /// Writes the paper: <paramref name="body"/> is run once to count pages and once to print; <paramref name="pageHeader"/>
    /// starts every page, <paramref name="footer"/> (page, pages) ends it. Returns the PDF and its number of pages.
    /// </summary>
    public static (byte[] Pdf, int Pages) Write(string title, Action<PaperDocument> pageHeader, Func<int, int, string> footer, Action<PaperDocument> body)
    {
        var counting = new PaperDocument(null, 0, pageHeader, footer);
        counting.NewPage();
        body(counting);
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata { Title = title, Creator = "Concord", Producer = "Concord" }))
        {
            var printing = new PaperDocument(document, counting.Page, pageHeader, footer);
            printing.NewPage();
            body(printing);
            printing.EndPage();
            document.Close();
        }
        return (stream.ToArray(), counting.Page);
    }

    public void NewPage()
    {
        if (Page > 0) EndPage();
        Page++;
        _canvas = _document?.BeginPage(PageWidth, PageHeight);
        Y = Margin;
        _pageHeader(this);
    }

    private void EndPage()
    {
        if (_canvas is null) return;
        Text(_footer(Page, _pages), Margin, PageHeight - Margin + 4, 8, SKColors.DimGray);
        _document!.EndPage();
        _canvas = null;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> still fits on this one.</summary>
    public bool Room(float height)
    {
        if (Y + height <= Bottom) return false;
        NewPage();
        return true;
    }

    /// <summary>Writes one line of text at (x, baseline y), each script in its font; returns its width.</summary>
    public float Text(string text, float x, float baseline, float size, SKColor? color = null)
    {
        using var paint = new SKPaint { Color = color ?? SKColors.Black, IsAntialias = true };
        var at = x;
        foreach (var (run, face) in Runs(text))
        {
            using var font = new SKFont(face, size);
            if (face == _fonts.Myanmar)
            {
                var shaped = _fonts.MyanmarShaper.Shape(run, font);
                _canvas?.DrawShapedText(_fonts.MyanmarShaper, run, at, baseline, SKTextAlign.Left, font, paint);
                at += shaped.Width;
            }
            else
            {
                _canvas?.DrawText(run, at, baseline, SKTextAlign.Left, font, paint);
                at += font.MeasureText(run);
            }
        }
        return at - x;
    }

    public float Measure(string text, float size)
    {
        var width = 0f;
        foreach (var (run, face) in Runs(text))
        {
            using var font = new SKFont(face, size);
            width += face == _fonts.Myanmar ? _fonts.MyanmarShaper.Shape(run, font).Width : font.MeasureText(run);
        }
        return width;
    }

    /// <summary>The text broken into lines no wider than <paramref name="width"/>: at spaces, and anywhere in a word too long for a line.</summary>
    public IReadOnlyList<string> Wrap(string? text, float size, float width)
    {
        var lines = new List<string>();
        foreach (var paragraph in (text ?? "").Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Measure(candidate, size) <= width)
                {
                    line = candidate;
                    continue;
                }
                if (line.Length > 0) lines.Add(line);
                line = word;
                // A word wider than the line (a hash, a long name in Han characters) is cut where it must.
                while (Measure(line, size) > width && line.Length > 1)
                {
                    var cut = line.Length - 1;
                    while (cut > 1 && Measure(line[..cut], size) > width) cut--;
                    lines.Add(line[..cut]);
                    line = line[cut..];
                }
            }
            if (line.Length > 0 || lines.Count == 0) lines.Add(line);
        }
        return lines;
    }

    /// <summary>Lines of text from the current position down, wrapped; moves <see cref="Y"/> below them.</summary>
    public void Paragraph(string text, float size, float x = Margin, float width = PageWidth - 2 * Margin, SKColor? color = null)
    {
        foreach (var line in Wrap(text, size, width))
        {
            Room(size * 1.45f);
            Text(line, x, Y + size, size, color);
            Y += size * 1.45f;
        }
    }

    public void Box(float x, float y, float width, float height, float stroke = 0.6f, SKColor? color = null)
    {
        if (_canvas is null) return;
        using var paint = new SKPaint { Color = color ?? SKColors.Black, IsStroke = true, StrokeWidth = stroke, IsAntialias = true };
        _canvas.DrawRect(x, y, width, height, paint);
    }

    public void Fill(float x, float y, float width, float height, SKColor color)
    {
        if (_canvas is null) return;
        using var paint = new SKPaint { Color = color, IsStroke = false };
        _canvas.DrawRect(x, y, width, height, paint);
    }

    public void Line(float x1, float y1, float x2, float y2, float stroke = 0.4f)
    {
        if (_canvas is null) return;
        using var paint = new SKPaint { Color = SKColors.Gray, IsStroke = true, StrokeWidth = stroke };
        _canvas.DrawLine(x1, y1, x2, y2, paint);
    }

    /// <summary>A QR code of <paramref name="content"/> (error correction M) as a square of side <paramref name="side"/>, with its quiet zone.</summary>
    public void Qr(string content, float x, float y, float side)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(content, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        var cell = side / modules.Count;
        if (_canvas is null) return;
        using var paint = new SKPaint { Color = SKColors.Black, IsStroke = false };
        for (var row = 0; row < modules.Count; row++)
            for (var column = 0; column < modules[row].Count; column++)
                if (modules[row][column]) _canvas.DrawRect(x + column * cell, y + row * cell, cell, cell, paint);
    }

    /// <param name="Width">In points.</param>
    /// <param name="PhotoSlot">An empty box for a photograph, not text.</param>
    public sealed record Column(string Header, float Width, bool PhotoSlot = false);

    /// <summary>
    /// A table from the current position: its header (again on every page it runs onto), then each row as tall as its
    /// tallest cell; a row never splits across pages.
    /// </summary>
    public void Table(IReadOnlyList<Column> columns, IEnumerable<IReadOnlyList<string?>> rows, float size = 8f)
    {
        const float pad = 3f;
        var line = size * 1.3f;
        void Header()
        {
            var wrapped = columns.Select(c => Wrap(c.Header, size - 0.5f, c.Width - 2 * pad)).ToList();
            var height = wrapped.Max(w => w.Count) * line + 2 * pad;
            Room(height + line * 2);
            Fill(Margin, Y, columns.Sum(c => c.Width), height, new SKColor(0xEE, 0xEE, 0xEE));
            var x = Margin;
            for (var i = 0; i < columns.Count; i++)
            {
                for (var l = 0; l < wrapped[i].Count; l++) Text(wrapped[i][l], x + pad, Y + pad + (l + 1) * line - 2, size - 0.5f, SKColors.DimGray);
                x += columns[i].Width;
            }
            Y += height;
        }
        Header();
        foreach (var row in rows)
        {
            var cells = columns.Select((c, i) => c.PhotoSlot ? [] : Wrap(row[i], size, c.Width - 2 * pad)).ToList();
            var height = Math.Max(cells.Max(c => c.Count) * line + 2 * pad, columns.Any(c => c.PhotoSlot) ? 36f : 0f);
            if (Room(height)) Header();
            var x = Margin;
            for (var i = 0; i < columns.Count; i++)
            {
                if (columns[i].PhotoSlot) Box(x + pad, Y + pad, columns[i].Width - 2 * pad, height - 2 * pad, 0.4f, SKColors.Gray);
                else for (var l = 0; l < cells[i].Count; l++) Text(cells[i][l], x + pad, Y + pad + (l + 1) * line - 2, size);
                x += columns[i].Width;
            }
            Y += height;
            Line(Margin, Y, Margin + columns.Sum(c => c.Width), Y);
        }
    }

    /// <summary>The text cut into runs, each in the typeface that has its characters.</summary>
    private IEnumerable<(string Run, SKTypeface Face)> Runs(string text)
    {
        var start = 0;
        SKTypeface? current = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var face = PaperFonts.IsMyanmar(c) ? _fonts.Myanmar
                : char.IsWhiteSpace(c) && current is not null ? current
                : _fonts.LatinFont.ContainsGlyph(char.IsSurrogate(c) ? '?' : c) ? _fonts.Latin : _fonts.Han;
            if (current is not null && face != current)
            {
                yield return (text[start..i], current);
                start = i;
            }
            current = face;
        }
        if (current is not null && start < text.Length) yield return (text[start..], current);
    }
}
