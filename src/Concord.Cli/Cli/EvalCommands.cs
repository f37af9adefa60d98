using System.CommandLine;
using System.Globalization;
using Concord.Core;
using Concord.Core.Features.Imports;
using Concord.Matching;

namespace Concord.Cli.Cli;

/// <summary>`concord eval`: measures the name matcher against labelled pairs. Needs no database.</summary>
internal static class EvalCommands
{
    public static Command Build(Option<bool> json)
    {
        var file = new Argument<string>("FILE") { Description = "CSV with name1,name2,is_match (other columns ignored)" };
        var threshold = new Option<double?>("--threshold") { Description = string.Create(CultureInfo.InvariantCulture, $"score at or above which a pair is called a match (default {NameSimilarity.DefaultThreshold})") };
        var by = new Option<string?>("--by") { Description = "also count per value of this column (e.g. case_group)" };
        var errors = new Option<bool>("--errors") { Description = "list the pairs the threshold gets wrong" };
        var sweep = new Option<bool>("--sweep") { Description = "F1 at every threshold from 0.30 to 0.95" };
        var pairs = new Command("pairs", "precision, recall and F1 of name similarity on labelled pairs") { file, threshold, by, errors, sweep };
        pairs.SetAction(p =>
        {
            try
            {
                return Run(p, json, p.GetValue(file)!, p.GetValue(threshold) ?? NameSimilarity.DefaultThreshold, p.GetValue(by), p.GetValue(errors), p.GetValue(sweep));
            }
            catch (ConcordException e)
            {
                if (p.GetValue(json)) Output.WriteJson(new { error = e.Error.Message, kind = e.Error.GetType().Name });
                Console.Error.WriteLine($"concord: {e.Error.Message}");
                return 2;
            }
        });
        var name1 = new Argument<string>("NAME1") { Description = "a name" };
        var name2 = new Argument<string>("NAME2") { Description = "another name" };
        var name = new Command("name", "the similarity of two names, with the evidence") { name1, name2 };
        name.SetAction(p =>
        {
            var c = NameSimilarity.Compare(p.GetValue(name1)!, p.GetValue(name2)!);
            var verdict = c.Score >= NameSimilarity.DefaultThreshold ? "match" : "no match";
            if (p.GetValue(json)) { Output.WriteJson(new { score = c.Score, match = c.Score >= NameSimilarity.DefaultThreshold, evidence = c.Evidence }); return 0; }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"score {c.Score:0.000} ({verdict} at {NameSimilarity.DefaultThreshold:0.00})"));
            foreach (var e in c.Evidence) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {e.Weight,6:+0.00;-0.00}  {e.Text}"));
            return 0;
        });
        var eval = new Command("eval", "evaluate matching against labelled data");
        eval.Subcommands.Add(pairs);
        eval.Subcommands.Add(name);
        return eval;
    }

    private static int Run(ParseResult p, Option<bool> json, string path, double threshold, string? by, bool listErrors, bool sweep)
    {
        if (!File.Exists(path)) throw new ConcordException(new InvalidRequestError("FILE", $"{path}: no such file"));
        var columns = new List<CsvColumn> { new("name1", null, true), new("name2", null, true), new("is_match", null, true) };
        if (by is not null) columns.Add(new CsvColumn(by, null, true));
        var table = CsvTable.Read(path, columns);
        var labelled = new List<LabelledPair>();
        foreach (var row in table.Rows)
        {
            var label = (row["is_match"] ?? "").Trim().ToLowerInvariant() switch
            {
                "true" or "1" or "yes" or "y" or "t" => true,
                "false" or "0" or "no" or "n" or "f" => false,
                var other => throw new ConcordException(new InvalidInputError([new InputProblem(table.FileName, row.Row, "is_match", $"'{other}' is not true/false/1/0/yes/no")])),
            };
            labelled.Add(new LabelledPair(row["name1"] ?? "", row["name2"] ?? "", label, by is null ? null : row[by] ?? ""));
        }
        var scored = PairEvaluation.ScoreAll(labelled);
        var all = PairEvaluation.Count(scored, threshold);
        var groups = by is null ? null : scored.GroupBy(s => s.Pair.Group!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Figures(g.Key, PairEvaluation.Count(g, threshold))).ToList();
        var wrong = listErrors ? scored.Where(s => (s.Score >= threshold) != s.Pair.IsMatch)
            .Select(s => new { name1 = s.Pair.Name1, name2 = s.Pair.Name2, is_match = s.Pair.IsMatch, score = s.Score, group = s.Pair.Group }).ToList() : null;
        var curve = sweep ? Enumerable.Range(30, 66).Select(i => i / 100.0).Select(t => Figures(t.ToString("0.00", CultureInfo.InvariantCulture), PairEvaluation.Count(scored, t))).ToList() : null;

        if (p.GetValue(json))
        {
            Output.WriteJson(new
            {
                file = table.FileName,
                threshold,
                pairs = all.Pairs,
                tp = all.Tp,
                fp = all.Fp,
                fn = all.Fn,
                tn = all.Tn,
                precision = Math.Round(all.Precision, 4),
                recall = Math.Round(all.Recall, 4),
                f1 = Math.Round(all.F1, 4),
                by,
                groups,
                errors = wrong,
                sweep = curve,
            });
            return 0;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{table.FileName} at threshold {threshold:0.00}"));
        Console.WriteLine(Line(Figures("all", all)));
        foreach (var g in groups ?? []) Console.WriteLine(Line(g));
        foreach (var c in curve ?? []) Console.WriteLine("threshold " + Line(c));
        foreach (var w in wrong ?? []) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(w.is_match ? "missed" : "false ")} {w.score:0.000}  {w.name1}  |  {w.name2}  [{w.group}]"));
        return 0;
    }

    private sealed record GroupFigures(string Group, int Pairs, int Tp, int Fp, int Fn, int Tn, double Precision, double Recall, double F1);

    private static GroupFigures Figures(string group, PairCounts c) =>
        new(group, c.Pairs, c.Tp, c.Fp, c.Fn, c.Tn, Math.Round(c.Precision, 4), Math.Round(c.Recall, 4), Math.Round(c.F1, 4));

    private static string Line(GroupFigures g) => string.Create(CultureInfo.InvariantCulture,
        $"{g.Group,-16} pairs {g.Pairs,4}  tp {g.Tp,4}  fp {g.Fp,4}  fn {g.Fn,4}  tn {g.Tn,4}  precision {g.Precision:0.000}  recall {g.Recall:0.000}  f1 {g.F1:0.000}");
}
