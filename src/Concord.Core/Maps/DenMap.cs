using System.Globalization;
using System.Text;
using System.Text.Json;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Persons;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Maps;

/// <summary>
/// A map of a lead's dens drawn by the node itself: the dens at their coordinates over the land borders and coastlines
/// of the region (Natural Earth, shipped with Concord in <c>Maps/Data/borders.json</c>), with a grid of degrees and a
/// scale bar; nothing is fetched from a tile server or any other outside service. On an operation, each den carries the
/// number of persons arrested there.
/// </summary>
public static class DenMap
{
    public sealed record Den(string Code, string? Name, double? Latitude, double? Longitude, int? Arrested = null);

    /// <summary>A den placed on the drawing (<paramref name="X"/>, <paramref name="Y"/> in its pixels).</summary>
    /// <param name="LabelLeft">The label goes to the left of the dot, where on the right it would cover another den's label.</param>
    public sealed record Marker(string Code, string? Name, double Latitude, double Longitude, double X, double Y, int? Arrested, bool LabelLeft = false);

    public sealed record Tick(double Position, string Label);

    /// <param name="Borders">SVG path data of the land borders in view.</param>
    /// <param name="Coasts">SVG path data of the coastlines in view.</param>
    /// <param name="Unplaced">Dens without coordinates, which the map cannot show and says so.</param>
    public sealed record Drawing(double Width, double Height, IReadOnlyList<string> Borders, IReadOnlyList<string> Coasts, IReadOnlyList<Marker> Markers,
        IReadOnlyList<Tick> Longitudes, IReadOnlyList<Tick> Latitudes, double ScalePixels, string ScaleLabel, IReadOnlyList<string> Unplaced);

    private sealed record Lines(double[] Box, double[][][] Borders, double[][][] Coasts);

    private static readonly Lazy<Lines> Region = new(() =>
    {
        using var stream = typeof(DenMap).Assembly.GetManifestResourceStream("Concord.Core.Maps.borders.json")
            ?? throw new InvalidOperationException("The border lines are missing from Concord.Core.");
        using var doc = JsonDocument.Parse(stream);
        static double[][][] Read(JsonElement e) => [.. e.EnumerateArray().Select(l => l.EnumerateArray().Select(p => new[] { p[0].GetDouble(), p[1].GetDouble() }).ToArray())];
        return new Lines([.. doc.RootElement.GetProperty("box").EnumerateArray().Select(v => v.GetDouble())],
            Read(doc.RootElement.GetProperty("borders")), Read(doc.RootElement.GetProperty("coasts")));
    });

    /// <summary>A lead's dens as the map places them (the lead read already, with its dens).</summary>
    public static IReadOnlyList<Den> OfLead(Lead lead) =>
        [.. lead.Dens.OrderBy(d => d.Code, StringComparer.Ordinal).Select(d => new Den(d.Code, d.Name, d.Latitude, d.Longitude))];

    /// <summary>The dens of the operation's lead, each with the number of roster rows arrested there; none when the viewer may not see the lead.</summary>
    public static async Task<IReadOnlyList<Den>> OfOperationAsync(ConcordDbContext db, Actor actor, Operation operation, CancellationToken ct)
    {
        if (!await PersonMarks.SeesLeadOfAsync(db, actor, operation.Id, ct)) return [];
        var arrested = await db.RosterRecords.AsNoTracking().Where(r => r.OperationId == operation.Id && r.DenCode != null)
            .GroupBy(r => r.DenCode!).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, ct);
        var dens = await db.Dens.AsNoTracking().Where(d => d.LeadId == operation.LeadId).OrderBy(d => d.Code)
            .Select(d => new Den(d.Code, d.Name, d.Latitude, d.Longitude, null)).ToListAsync(ct);
        // Before the roster is in, there is nothing to count: the dens are shown without numbers.
        return arrested.Count == 0 ? dens : [.. dens.Select(d => d with { Arrested = arrested.GetValueOrDefault(d.Code) })];
    }

    /// <summary>The drawing of <paramref name="dens"/> on a canvas of <paramref name="width"/> by <paramref name="height"/> pixels; null when none has coordinates.</summary>
    public static Drawing? Draw(IReadOnlyList<Den> dens, double width = 720, double height = 380)
    {
        var placed = dens.Where(d => d.Latitude is { } lat && d.Longitude is { } lon && Math.Abs(lat) <= 90 && Math.Abs(lon) <= 180).ToList();
        if (placed.Count == 0) return null;
        // The dens' extent with a margin, at least about 4 km across, then widened to the canvas's shape.
        double south = placed.Min(d => d.Latitude!.Value), north = placed.Max(d => d.Latitude!.Value);
        double west = placed.Min(d => d.Longitude!.Value), east = placed.Max(d => d.Longitude!.Value);
        var middle = (south + north) / 2;
        var cos = Math.Cos(middle * Math.PI / 180);
        var spanLat = Math.Max((north - south) * 1.3, 0.04);
        var spanLon = Math.Max((east - west) * 1.3, 0.04 / cos);
        // Equirectangular around the middle latitude: one pixel is the same distance north-south and east-west.
        var scale = Math.Min(width / (spanLon * cos), height / spanLat);
        var centreLon = (west + east) / 2;
        double X(double lon) => width / 2 + (lon - centreLon) * cos * scale;
        double Y(double lat) => height / 2 - (lat - middle) * scale;
        var viewWest = centreLon - width / 2 / (cos * scale);
        var viewEast = centreLon + width / 2 / (cos * scale);
        var viewSouth = middle - height / 2 / scale;
        var viewNorth = middle + height / 2 / scale;

        string? Path(double[][] line)
        {
            // Only lines that come near the view; the drawing's viewBox clips the rest.
            if (!line.Any(p => p[0] >= viewWest - 1 && p[0] <= viewEast + 1 && p[1] >= viewSouth - 1 && p[1] <= viewNorth + 1)) return null;
            var sb = new StringBuilder();
            for (var i = 0; i < line.Length; i++)
            {
                sb.Append(i == 0 ? 'M' : 'L').Append(F(X(line[i][0]))).Append(' ').Append(F(Y(line[i][1])));
            }
            return sb.ToString();
        }
        var region = Region.Value;
        var borders = region.Borders.Select(Path).OfType<string>().ToList();
        var coasts = region.Coasts.Select(Path).OfType<string>().ToList();

        var lonStep = Step((viewEast - viewWest) / 5);
        var latStep = Step((viewNorth - viewSouth) / 4);
        var longitudes = Ticks(viewWest, viewEast, lonStep).Select(v => new Tick(X(v), Degrees(v, lonStep, "E", "W"))).ToList();
        var latitudes = Ticks(viewSouth, viewNorth, latStep).Select(v => new Tick(Y(v), Degrees(v, latStep, "N", "S"))).ToList();

        // A scale bar of a round distance no longer than a quarter of the width.
        var kmPerPixel = 111.32 / scale;
        var km = new[] { 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500 }.LastOrDefault(k => k / kmPerPixel <= width / 4, 0.1);
        var markers = Labelled([.. placed.Select(d => new Marker(d.Code, d.Name, d.Latitude!.Value, d.Longitude!.Value, X(d.Longitude!.Value), Y(d.Latitude!.Value), d.Arrested))]);
        return new Drawing(width, height, borders, coasts, markers, longitudes, latitudes, km / kmPerPixel,
            km < 1 ? $"{(km * 1000).ToString(CultureInfo.InvariantCulture)} m" : $"{km.ToString(CultureInfo.InvariantCulture)} km",
            [.. dens.Except(placed).Select(d => d.Code)]);
    }

    // Labels are about 6.5 px a character and 14 px high: a label that would cover one already placed goes to the left.
    private static List<Marker> Labelled(List<Marker> markers)
    {
        var placed = new List<(double Left, double Right, double Top, double Bottom)>();
        var result = new List<Marker>(markers.Count);
        foreach (var m in markers.OrderBy(m => m.Y).ThenBy(m => m.X))
        {
            var width = (m.Code.Length + (m.Arrested is { } n ? n.ToString(CultureInfo.InvariantCulture).Length + 3 : 0)) * 6.5;
            var right = (m.X + 8, m.X + 8 + width, m.Y - 9, m.Y + 5);
            var left = (m.X - 8 - width, m.X - 8, m.Y - 9, m.Y + 5);
            var goLeft = placed.Any(p => Overlap(p, right)) && !placed.Any(p => Overlap(p, left));
            placed.Add(goLeft ? left : right);
            result.Add(m with { LabelLeft = goLeft });
        }
        return [.. result.OrderBy(m => m.Code, StringComparer.Ordinal)];
    }

    private static bool Overlap((double Left, double Right, double Top, double Bottom) a, (double Left, double Right, double Top, double Bottom) b) =>
        a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom;

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static double Step(double rough) =>
        new[] { 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5 }.FirstOrDefault(s => s >= rough, 10);

    private static IEnumerable<double> Ticks(double from, double to, double step)
    {
        for (var v = Math.Ceiling(from / step) * step; v <= to; v += step) yield return Math.Round(v, 6);
    }

    private static string Degrees(double v, double step, string positive, string negative)
    {
        var decimals = Math.Max(0, (int)Math.Ceiling(-Math.Log10(step)));
        return Math.Abs(v).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + "°" + (v >= 0 ? positive : negative);
    }
}
