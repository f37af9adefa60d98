using System.CommandLine;
using System.Globalization;
using Concord.Core.Features.Intake;
using Concord.Core.Storage;

namespace Concord.Cli.Cli;

/// <summary>The node operator's view of the wanted-list index kept beside the database.</summary>
internal static class IndexCommands
{
    public static Command Build()
    {
        var status = new Command("status", "records, segments, size, age and the list revision the index covers");
        status.SetAction((p, ct) => Commands.Run(p, ct, async (db, _, _) =>
        {
            var s = await WantedIndex.StatusAsync(db, ct);
            return Commands.Done(p, s, Describe(s));
        }));

        var rebuild = new Command("rebuild", "read every wanted list again into a new index (drops withdrawn and replaced records)");
        rebuild.SetAction((p, ct) => Commands.Run(p, ct, async (db, _, _) =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var index = await WantedIndex.RebuildAsync(db, ct);
            var s = index.Describe(await Counters.CurrentAsync(db, Counters.WantedRevision, ct));
            return Commands.Done(p, new { status = s, seconds = Math.Round(clock.Elapsed.TotalSeconds, 2) },
                Describe(s) + string.Create(CultureInfo.InvariantCulture, $"\nrebuilt in {clock.Elapsed.TotalSeconds:0.0} s"));
        }));

        var index = new Command("index", "the wanted-list matching index");
        index.Subcommands.Add(status);
        index.Subcommands.Add(rebuild);
        return index;
    }

    private static string Describe(WantedIndex.Status s)
    {
        var lines = new List<string>
        {
            $"index: {s.Folder ?? "in memory"}",
            string.Create(CultureInfo.InvariantCulture, $"records {s.Records:N0} live, {s.Masked:N0} masked (withdrawn or replaced){(s.InMemory > 0 ? $", {s.InMemory:N0} in memory only" : "")}"),
            string.Create(CultureInfo.InvariantCulture, $"covers list revision {s.Covers} of {s.ListRevision}; {s.Segments.Count} segment(s), {s.Bytes / 1048576.0:0.0} MiB"),
        };
        if (s.Updated is { } updated)
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"written {updated:yyyy-MM-dd HH:mm:ss} UTC ({Age(DateTimeOffset.UtcNow - updated)} ago)"));
        lines.AddRange(s.Segments.Select(x => string.Create(CultureInfo.InvariantCulture, $"  {x.File}: records {x.First:N0}..{x.First + x.Count - 1:N0}, {x.Postings:N0} keys, {x.Bytes / 1048576.0:0.0} MiB")));
        if (s.Note is not null) lines.Add("note: " + s.Note);
        return string.Join('\n', lines);
    }

    private static string Age(TimeSpan t) => t.TotalDays >= 1 ? $"{(int)t.TotalDays} d" : t.TotalHours >= 1 ? $"{(int)t.TotalHours} h" : t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes} min" : $"{(int)t.TotalSeconds} s";
}
