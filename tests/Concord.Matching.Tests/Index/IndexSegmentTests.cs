namespace Concord.Matching.Tests.Index;

/// <summary>
/// The index written to segment files and mapped back answers every search exactly as the index in memory did; merged
/// segments too; masks survive; a damaged file is refused, never half-read.
/// </summary>
public sealed class IndexSegmentTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "concord-segments-" + Guid.NewGuid().ToString("N"));

    public IndexSegmentTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, true);

    private static List<IdentityRecord> Listed()
    {
        var records = Csv.Read(Path.Combine(Csv.MuseDir(), "wanted.csv")).Select(w => Csv.ToRecord("wanted:" + w["wanted_id"], w)).ToList();
        records.AddRange(Csv.Read(Path.Combine(Csv.MuseDir(), "lead-targets.csv")).Select(t => Csv.ToRecord("target:" + t["target_id"], t)));
        return records;
    }

    private static List<IdentityRecord> Queries() =>
        Csv.Read(Path.Combine(Csv.MuseDir(), "roster.csv")).Select(r => Csv.ToRecord("roster:" + r["roster_no"], r)).ToList();

    private static List<string> Answers(CompactIdentityIndex index, IEnumerable<IdentityRecord> queries) =>
        queries.SelectMany(q => index.Search(q, 50).Select(c => $"{q.Key} -> {c.Key} {c.Score:0.000}")).ToList();

    private static void AssertSameRecords(CompactIdentityIndex expected, CompactIdentityIndex actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i += 97)
        {
            Assert.Equivalent(expected.Get(i), actual.Get(i), strict: true);
        }
    }

    [Fact]
    public void Sealed_reopened_and_merged_segments_answer_as_the_index_in_memory()
    {
        var listed = Listed();
        var queries = Queries();
        var memory = new CompactIdentityIndex();
        memory.AddRange(listed);
        memory.Freeze();
        var expected = Answers(memory, queries);
        Assert.NotEmpty(expected);

        // Three segments: the first 60% written at once, then two smaller runs, as daily list updates would come.
        var index = new CompactIdentityIndex();
        var cuts = new[] { 0, listed.Count * 6 / 10, listed.Count * 8 / 10, listed.Count };
        for (var s = 0; s < 3; s++)
        {
            index.AddRange(listed.Skip(cuts[s]).Take(cuts[s + 1] - cuts[s]));
            var segment = index.SealTail(Path.Combine(dir, $"s{s}.cix"));
            Assert.NotNull(segment);
            Assert.Equal(cuts[s], segment.First);
            Assert.Equal(0, index.TailCount);
        }
        Assert.Null(index.SealTail(Path.Combine(dir, "empty.cix")));
        Assert.Equal(expected, Answers(index, queries));
        AssertSameRecords(memory, index);

        var reopened = CompactIdentityIndex.Open([.. index.Segments.Select(s => IndexSegment.Open(s.Path))], index.MaskWords());
        Assert.Equal(expected, Answers(reopened, queries));
        AssertSameRecords(memory, reopened);

        var merged = reopened.MergeSegments(1, 2, Path.Combine(dir, "s12.cix"));
        Assert.Equal(2, reopened.Segments.Count);
        Assert.Equal(cuts[1], merged.First);
        Assert.Equal(listed.Count - cuts[1], merged.Count);
        Assert.Equal(expected, Answers(reopened, queries));
        var all = reopened.MergeSegments(0, 2, Path.Combine(dir, "all.cix"));
        Assert.Equal(listed.Count, all.Count);
        Assert.Equal(expected, Answers(reopened, queries));
        AssertSameRecords(memory, reopened);
    }

    [Fact]
    public void Records_added_after_the_segments_and_masks_are_searched_with_them()
    {
        var listed = Listed();
        var index = new CompactIdentityIndex();
        index.AddRange(listed.Take(listed.Count - 10));
        index.SealTail(Path.Combine(dir, "base.cix"));
        var hidden = index.Find(listed[3].Key).Single();
        index.Mask(hidden);
        var reopened = CompactIdentityIndex.Open([IndexSegment.Open(Path.Combine(dir, "base.cix"))], index.MaskWords());
        Assert.Equal(1, reopened.MaskedCount);
        Assert.Empty(reopened.Find(listed[3].Key));
        Assert.DoesNotContain(reopened.Search(listed[3], 50), c => c.Key == listed[3].Key);

        // A corrected version of the masked record, and the last records, go to the tail in memory.
        reopened.AddRange(listed.Skip(listed.Count - 10).Append(listed[3]));
        Assert.Equal(listed.Count + 1, reopened.Count);
        Assert.Equal(listed.Count, reopened.Find(listed[3].Key).Single());
        Assert.Contains(reopened.Search(listed[^1], 50), c => c.Key == listed[^1].Key);
        Assert.Contains(reopened.Search(listed[3], 50), c => c.Key == listed[3].Key);
    }

    [Fact]
    public void A_truncated_or_foreign_file_is_refused()
    {
        var index = new CompactIdentityIndex();
        index.AddRange(Listed());
        var path = index.SealTail(Path.Combine(dir, "whole.cix"))!.Path;
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(Path.Combine(dir, "cut.cix"), bytes[..(bytes.Length / 2)]);
        var cut = Assert.Throws<InvalidDataException>(() => IndexSegment.Open(Path.Combine(dir, "cut.cix")));
        Assert.Contains("cut.cix", cut.Message, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(dir, "text.cix"), new string('x', 4096));
        Assert.Throws<InvalidDataException>(() => IndexSegment.Open(Path.Combine(dir, "text.cix")));
        Assert.Throws<InvalidDataException>(() => CompactIdentityIndex.Open([IndexSegment.Open(path), IndexSegment.Open(path)], []));
    }
}
