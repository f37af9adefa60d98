namespace Concord.FraudTypes.Tests;

/// <summary>The dialogues, read once for every test class.</summary>
internal static class Data
{
    private static readonly Lazy<FraudDialogues> Loaded = new(() => FraudDialogues.Load(FraudDialogues.FindDirectory(AppContext.BaseDirectory)));

    private static readonly Lazy<IReadOnlyList<FraudTypeScores>> HeldOutScores = new(() => Evaluation.Compare(FraudTypeModel.Default, Dialogues));

    public static FraudDialogues Dialogues => Loaded.Value;

    /// <summary>The embedded model, the majority and the keyword baseline on the held-out fifth.</summary>
    public static IReadOnlyList<FraudTypeScores> Compared => HeldOutScores.Value;
}
