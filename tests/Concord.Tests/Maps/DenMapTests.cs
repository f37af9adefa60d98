using System.Globalization;
using Concord.Core.Maps;
using Concord.Tests.Infrastructure;

namespace Concord.Tests.Maps;

/// <summary>The dens map is drawn by the node from the lines it ships: the Muse dens, by the China–Myanmar border.</summary>
public sealed class DenMapTests
{
    private static IReadOnlyList<DenMap.Den> MuseDens() =>
        [.. File.ReadAllLines(Repo.Muse("dens.csv")).Skip(1).Select(l => System.Text.RegularExpressions.Regex.Split(l, ",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)"))
            .Select(f => new DenMap.Den(f[0], f[1], double.Parse(f[3], CultureInfo.InvariantCulture), double.Parse(f[4], CultureInfo.InvariantCulture), f[0].Length))];

    [Fact]
    public void TheMuseDens_AreDrawnInsideTheCanvas_InTheirPlaces_BesideTheBorder()
    {
        var dens = MuseDens();
        var map = DenMap.Draw(dens)!;
        Assert.Equal(dens.Count, map.Markers.Count);
        Assert.All(map.Markers, m => Assert.True(m.X > 0 && m.X < map.Width && m.Y > 0 && m.Y < map.Height, $"{m.Code} at {m.X}, {m.Y}"));
        // East is right and north is up.
        var east = dens.MaxBy(d => d.Longitude)!.Code;
        var north = dens.MaxBy(d => d.Latitude)!.Code;
        Assert.Equal(east, map.Markers.MaxBy(m => m.X)!.Code);
        Assert.Equal(north, map.Markers.MinBy(m => m.Y)!.Code);
        // Muse lies on the Shweli, the China–Myanmar border: the border is in view; the sea is not.
        Assert.NotEmpty(map.Borders);
        Assert.Empty(map.Coasts);
        Assert.NotEmpty(map.Longitudes);
        Assert.NotEmpty(map.Latitudes);
        Assert.All(map.Longitudes, t => Assert.EndsWith("°E", t.Label, StringComparison.Ordinal));
        Assert.All(map.Latitudes, t => Assert.EndsWith("°N", t.Label, StringComparison.Ordinal));
        Assert.Matches(@"^\d+(\.\d+)? k?m$", map.ScaleLabel);
        Assert.InRange(map.ScalePixels, 10, map.Width / 4);
        Assert.All(map.Markers, m => Assert.Equal(m.Code.Length, m.Arrested));
        // MUSE-D08 and MUSE-D12 lie side by side: as the lead page draws them (no counts), D08's label goes to the left.
        var plain = DenMap.Draw([.. dens.Select(d => d with { Arrested = null })])!;
        Assert.Equal(["MUSE-D08"], plain.Markers.Where(m => m.LabelLeft).Select(m => m.Code));
    }

    [Fact]
    public void ADenWithoutCoordinates_IsNamed_NotPlaced()
    {
        var map = DenMap.Draw([new("D1", "a", 24.0, 97.9), new("D2", "b", null, null), new("D3", "c", 95.0, 500.0)])!;
        Assert.Equal(["D1"], map.Markers.Select(m => m.Code));
        Assert.Equal(["D2", "D3"], map.Unplaced);
        Assert.Null(DenMap.Draw([new("D2", "b", null, null)]));
    }

    [Fact]
    public void OneDen_GetsAnAreaAroundIt()
    {
        var map = DenMap.Draw([new("D1", "a", 24.0, 97.9)])!;
        var m = Assert.Single(map.Markers);
        Assert.Equal(map.Width / 2, m.X, 3);
        Assert.Equal(map.Height / 2, m.Y, 3);
    }
}
