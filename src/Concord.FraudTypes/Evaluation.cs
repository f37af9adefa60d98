using System.Globalization;
using System.Text;

namespace Concord.FraudTypes;

/// <summary>How one type fared: how often it was the answer (support), how often it was said, and P/R/F1.</summary>
public sealed record ClassScores(FraudType Type, int Support, int Predicted, double Precision, double Recall, double F1);

/// <summary>
/// One classifier's figures on a set of dialogues: accuracy, macro-F1 (the mean over the nine types of each type's F1),
/// the F1 of telling fraud (any of the eight) from none, and each type's scores.
/// </summary>
public sealed record FraudTypeScores(string Name, int Count, double Accuracy, double MacroF1, double FraudF1, IReadOnlyList<ClassScores> PerClass)
{
    public ClassScores For(FraudType type) => PerClass[(int)type];
}

/// <summary>The held-out measurement: the model and both baselines on the same dialogues, in one run.</summary>
public static class Evaluation
{
    public static FraudTypeScores Score(string name, IReadOnlyList<FraudType> gold, IReadOnlyList<FraudType> predicted)
    {
        if (gold.Count != predicted.Count)
        {
            throw new ArgumentException("Gold and predicted differ in length");
        }
        var perClass = new List<ClassScores>();
        foreach (var label in FraudTypes.All)
        {
            var t = label.Type;
            var tp = 0;
            var support = 0;
            var said = 0;
            for (var i = 0; i < gold.Count; i++)
            {
                support += gold[i] == t ? 1 : 0;
                said += predicted[i] == t ? 1 : 0;
                tp += gold[i] == t && predicted[i] == t ? 1 : 0;
            }
            var precision = said == 0 ? 0 : (double)tp / said;
            var recall = support == 0 ? 0 : (double)tp / support;
            perClass.Add(new ClassScores(t, support, said, precision, recall, F1(precision, recall)));
        }
        var correct = gold.Zip(predicted).Count(p => p.First == p.Second);
        var fraudTp = gold.Zip(predicted).Count(p => p.First != FraudType.None && p.Second != FraudType.None);
        var fraudGold = gold.Count(g => g != FraudType.None);
        var fraudSaid = predicted.Count(p => p != FraudType.None);
        var fraudF1 = F1(fraudSaid == 0 ? 0 : (double)fraudTp / fraudSaid, fraudGold == 0 ? 0 : (double)fraudTp / fraudGold);
        return new FraudTypeScores(name, gold.Count, gold.Count == 0 ? 0 : (double)correct / gold.Count,
            perClass.Average(c => c.F1), fraudF1, perClass);
    }

    public static FraudTypeScores Run(IFraudTypeClassifier classifier, IReadOnlyList<FraudDialogue> dialogues)
    {
        var predicted = classifier is FraudTypeModel model
            ? model.SuggestMany(dialogues.Select(d => d.Text).ToList()).Select(s => s.Type).ToList()
            : dialogues.Select(d => classifier.Classify(d.Text)).ToList();
        return Score(classifier.Name, dialogues.Select(d => d.Type).ToList(), predicted);
    }

    /// <summary>The model, the majority baseline and the keyword baseline on the held-out fifth.</summary>
    public static IReadOnlyList<FraudTypeScores> Compare(FraudTypeModel model, FraudDialogues data) =>
    [
        Run(model, data.HeldOut),
        Run(new MajorityBaseline(data.Training), data.HeldOut),
        Run(new KeywordBaseline(), data.HeldOut),
    ];

    /// <summary>The figures as a Markdown table, one column a classifier.</summary>
    public static string Table(IReadOnlyList<FraudTypeScores> scores)
    {
        var text = new StringBuilder();
        text.Append("| | ").AppendJoin(" | ", scores.Select(s => s.Name)).Append(" |\n");
        text.Append("|---|").AppendJoin("", scores.Select(_ => "---:|")).Append('\n');
        Row(text, "macro-F1", scores, s => s.MacroF1);
        Row(text, "accuracy", scores, s => s.Accuracy);
        Row(text, "fraud-vs-none F1", scores, s => s.FraudF1);
        foreach (var label in FraudTypes.All)
        {
            var support = scores[0].For(label.Type).Support;
            Row(text, $"F1 {label.Code} ({label.Chinese}, {support})", scores, s => s.For(label.Type).F1);
        }
        return text.ToString();
    }

    private static void Row(StringBuilder text, string name, IReadOnlyList<FraudTypeScores> scores, Func<FraudTypeScores, double> value) =>
        text.Append("| ").Append(name).Append(" | ")
            .AppendJoin(" | ", scores.Select(s => value(s).ToString("0.000", CultureInfo.InvariantCulture))).Append(" |\n");

    private static double F1(double precision, double recall) =>
        precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
}
