using System.Diagnostics;
using Concord.FraudTypes;

// tools/fraud-type/train.sh runs this from the repository root. An argument names another folder to write the model to;
// --check writes nothing, but retrains with the embedded model's recorded settings and compares the two on the held-out fifth.
var root = Environment.CurrentDirectory;
var check = args is ["--check"];
var outDir = args.Length > 0 && !check ? args[0] : Path.Combine(root, "src", "Concord.FraudTypes", "Model");

var data = FraudDialogues.Load(FraudDialogues.FindDirectory(root));
Console.WriteLine($"{data.RowsRead} dialogues read, {data.DuplicatesDropped} repeated texts dropped, {data.All.Select(d => d.TtsId).Distinct().Count()} tts_ids");
Console.WriteLine($"training {data.Training.Count}, held out {data.HeldOut.Count}");

if (check)
{
    var recorded = FraudTypeModel.Default.Info ?? throw new InvalidOperationException("The embedded model has no fraud-type.json");
    var timer = Stopwatch.StartNew();
    var retrained = FraudTypeModel.Train(data.Training, recorded.Options);
    Console.WriteLine($"retrained {recorded.Options.Describe()} in {timer.Elapsed.TotalSeconds:0}s");
    var texts = data.HeldOut.Select(d => d.Text).ToList();
    var embedded = FraudTypeModel.Default.SuggestMany(texts);
    var again = retrained.SuggestMany(texts);
    var same = embedded.Zip(again).Count(p => p.First.Scores.SequenceEqual(p.Second.Scores));
    var macroF1 = Evaluation.Run(retrained, data.HeldOut).MacroF1;
    Console.WriteLine($"{same} of {texts.Count} held-out suggestions the same; macro-F1 {macroF1:0.0000}, recorded {recorded.HeldOutMacroF1:0.0000}");
    return same == texts.Count ? 0 : 1;
}

Directory.CreateDirectory(outDir);

var clock = Stopwatch.StartNew();
Console.WriteLine("validation macro-F1 of the candidates (trained on the training four-fifths less the validation slice):");
var candidates = FraudTypeModel.Compare(data.Training, FraudTypeModel.Candidates);
foreach (var candidate in candidates)
{
    Console.WriteLine($"  {candidate.ValidationMacroF1:0.000}  {candidate.Options.Describe()}");
}
Console.WriteLine($"compared in {clock.Elapsed.TotalSeconds:0}s");

var chosen = candidates[0].Options;
clock.Restart();
var trained = FraudTypeModel.Train(data.Training, chosen);
var trainingSeconds = clock.Elapsed.TotalSeconds;
Console.WriteLine($"trained {chosen.Describe()} on {data.Training.Count} dialogues in {trainingSeconds:0}s, {trained.Features} features");

var zipPath = Path.Combine(outDir, "fraud-type.zip");
trained.Save(zipPath);
using var written = File.OpenRead(zipPath);
var scores = Evaluation.Compare(FraudTypeModel.Load(written), data);
var info = new FraudTypeModelInfo
{
    Options = chosen,
    TrainingDialogues = data.Training.Count,
    HeldOutDialogues = data.HeldOut.Count,
    Features = trained.Features,
    HeldOutMacroF1 = scores[0].MacroF1,
    HeldOutAccuracy = scores[0].Accuracy,
    Candidates = candidates,
    TrainingSeconds = Math.Round(trainingSeconds, 1),
};
File.WriteAllText(Path.Combine(outDir, "fraud-type.json"), FraudTypeModel.WriteInfo(info) + "\n");
Console.WriteLine($"wrote {zipPath} ({new FileInfo(zipPath).Length / 1024} KiB)");
Console.WriteLine();
Console.WriteLine($"held-out fifth ({data.HeldOut.Count} dialogues):");
Console.WriteLine(Evaluation.Table(scores));
return 0;
