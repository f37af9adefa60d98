using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace Concord.FraudTypes;

/// <summary>One type and the model's probability for it.</summary>
public sealed record FraudTypeScore(FraudType Type, double Probability)
{
    public string Code => FraudTypes.Code(Type);
}

/// <summary>
/// The type suggested for a narrative, the model's probability for it (0 to 1), and every type's probability, highest
/// first (the suggestion itself, then the runners-up). A narrative without a Chinese character gets
/// <see cref="FraudType.None"/> with confidence 0 and no scores: the model has read only Chinese.
/// </summary>
public sealed record FraudTypeSuggestion(FraudType Type, double Confidence, IReadOnlyList<FraudTypeScore> Scores)
{
    public string Code => FraudTypes.Code(Type);

    public IEnumerable<FraudTypeScore> RunnersUp => Scores.Skip(1);
}

/// <summary>How a model is trained: the character n-grams, their weighting, and the trainer.</summary>
public sealed record FraudTypeTrainingOptions
{
    public string Trainer { get; init; } = "sdca";

    /// <summary>Character n-grams of every length from 1 to this.</summary>
    public int NgramLength { get; init; } = 3;

    /// <summary>Whether punctuation is kept as characters of the n-grams.</summary>
    public bool KeepPunctuation { get; init; }

    /// <summary>N-grams seen in fewer training dialogues than this are dropped, to keep the model small.</summary>
    public int MinimumDocumentCount { get; init; } = 10;

    /// <summary>Weights n-gram counts by their inverse document frequency in training.</summary>
    public bool TfIdf { get; init; }

    public float L2Regularization { get; init; } = 1e-4f;

    /// <summary>For L-BFGS: the relative improvement below which it stops.</summary>
    public float Tolerance { get; init; } = 1e-4f;

    public int Seed { get; init; } = 1;

    public string Describe() =>
        $"{Trainer}, char 1-{NgramLength}-grams, punctuation {(KeepPunctuation ? "kept" : "dropped")}, in >= {MinimumDocumentCount} dialogues, {(TfIdf ? "tf-idf" : "tf")}, L2 {L2Regularization:G3}{(Trainer == "lbfgs" ? $", tolerance {Tolerance:G3}" : "")}";
}

/// <summary>What was trained and how it scored, kept beside the model as fraud-type.json.</summary>
public sealed record FraudTypeModelInfo
{
    public required FraudTypeTrainingOptions Options { get; init; }

    public int TrainingDialogues { get; init; }

    public int HeldOutDialogues { get; init; }

    public int Features { get; init; }

    public double HeldOutMacroF1 { get; init; }

    public double HeldOutAccuracy { get; init; }

    /// <summary>Each candidate's macro-F1 on the validation slice of the training four-fifths, as compared before training.</summary>
    public IReadOnlyList<CandidateScore> Candidates { get; init; } = [];

    public double TrainingSeconds { get; init; }
}

/// <summary>A candidate's options and its macro-F1 on the validation slice.</summary>
public sealed record CandidateScore(FraudTypeTrainingOptions Options, double ValidationMacroF1);

/// <summary>
/// The fraud-type classifier: character n-grams of the narrative (Chinese has no spaces between words) and a maximum
/// entropy model over the nine types, trained with ML.NET. <see cref="Default"/> is the model embedded in this
/// library, built by tools/fraud-type/train.sh. <see cref="Suggest"/> may be called from any number of threads.
/// </summary>
public sealed class FraudTypeModel : IFraudTypeClassifier
{
    private const string ResourcePrefix = "Concord.FraudTypes.Model.";

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private static readonly Lazy<FraudTypeModel> Embedded = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly MLContext _ml;
    private readonly ITransformer _transformer;
    private readonly FraudType[] _slots;
    private readonly ConcurrentBag<PredictionEngine<Input, Output>> _engines = [];
    private readonly Lock _engineLock = new();

    private FraudTypeModel(MLContext ml, ITransformer transformer, FraudTypeModelInfo? info)
    {
        _ml = ml;
        _transformer = transformer;
        Info = info;
        var schema = transformer.GetOutputSchema(ml.Data.LoadFromEnumerable(Array.Empty<Input>()).Schema);
        VBuffer<ReadOnlyMemory<char>> names = default;
        schema["Score"].GetSlotNames(ref names);
        _slots = names.DenseValues().Select(n => FraudTypes.Parse(n.ToString())).ToArray();
    }

    /// <summary>
    /// The settings tools/fraud-type/train.sh compares on the validation slice: SDCA at two strengths of L2, and
    /// L-BFGS stopped at a relative improvement of 1e-3 (run to its default of 1e-7 it took minutes longer for about
    /// the same score).
    /// </summary>
    public static IReadOnlyList<FraudTypeTrainingOptions> Candidates { get; } =
    [
        new() { Trainer = "sdca", L2Regularization = 3e-5f },
        new() { Trainer = "sdca", L2Regularization = 1e-4f },
        new() { Trainer = "lbfgs", L2Regularization = 1e-2f, Tolerance = 1e-3f },
    ];

    /// <summary>The model embedded in this library, loaded on first use.</summary>
    public static FraudTypeModel Default => Embedded.Value;

    /// <summary>The training record that came with the model, where there was one.</summary>
    public FraudTypeModelInfo? Info { get; }

    public string Name => "model";

    /// <summary>The number of n-gram features the model reads.</summary>
    public int Features { get; private init; }

    public FraudType Classify(string text) => Suggest(text).Type;

    /// <summary>The suggested type of a victim's narrative, with its probability and the runners-up.</summary>
    public FraudTypeSuggestion Suggest(string? narrative)
    {
        if (!HasHan(narrative))
        {
            return new FraudTypeSuggestion(FraudType.None, 0, []);
        }
        var engine = RentEngine();
        try
        {
            return ToSuggestion(engine.Predict(new Input { Text = narrative! }).Score);
        }
        finally
        {
            _engines.Add(engine);
        }
    }

    /// <summary>Suggestions for many narratives at once, in their order, through one pass of the model.</summary>
    public IReadOnlyList<FraudTypeSuggestion> SuggestMany(IReadOnlyList<string> narratives)
    {
        var view = _transformer.Transform(_ml.Data.LoadFromEnumerable(narratives.Select(n => new Input { Text = n ?? "" })));
        var outputs = _ml.Data.CreateEnumerable<Output>(view, reuseRowObject: false).ToList();
        return narratives.Select((n, i) => HasHan(n) ? ToSuggestion(outputs[i].Score) : new FraudTypeSuggestion(FraudType.None, 0, [])).ToList();
    }

    /// <summary>Trains on the given dialogues (all of them: the caller leaves the held-out fifth out).</summary>
    public static FraudTypeModel Train(IReadOnlyList<FraudDialogue> training, FraudTypeTrainingOptions options, FraudTypeModelInfo? info = null)
    {
        var ml = new MLContext(options.Seed);
        var data = ml.Data.LoadFromEnumerable(training.Select(d => new Input { Text = d.Text, Label = FraudTypes.Code(d.Type) }).ToList());
        var featurize = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepDiacritics = false,
            KeepPunctuations = options.KeepPunctuation,
            KeepNumbers = true,
            WordFeatureExtractor = null,
            CharFeatureExtractor = new WordBagEstimator.Options
            {
                NgramLength = options.NgramLength,
                UseAllLengths = true,
                Weighting = options.TfIdf ? NgramExtractingEstimator.WeightingCriteria.TfIdf : NgramExtractingEstimator.WeightingCriteria.Tf,
            },
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.FeaturizeText("Features", featurize, "Text"))
            .Append(ml.Transforms.FeatureSelection.SelectFeaturesBasedOnCount("Features", count: options.MinimumDocumentCount))
            .Append(Trainer(ml, options))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var transformer = pipeline.Fit(data);
        var features = (transformer.GetOutputSchema(data.Schema)["Features"].Type as VectorDataViewType)?.Size ?? 0;
        return new FraudTypeModel(ml, transformer, info) { Features = features };
    }

    /// <summary>
    /// Trains each candidate on the training dialogues outside the validation slice, scores it there, and returns the
    /// candidates with their validation macro-F1, best first (the earlier candidate on a tie).
    /// </summary>
    public static IReadOnlyList<CandidateScore> Compare(IReadOnlyList<FraudDialogue> training, IEnumerable<FraudTypeTrainingOptions> candidates)
    {
        var fit = training.Where(d => !FraudDialogues.IsValidation(d.TtsId)).ToList();
        var validation = training.Where(d => FraudDialogues.IsValidation(d.TtsId)).ToList();
        return candidates
            .Select(c => new CandidateScore(c, Evaluation.Run(Train(fit, c), validation).MacroF1))
            .OrderByDescending(c => c.ValidationMacroF1)
            .ToList();
    }

    public void Save(string zipPath)
    {
        using var stream = File.Create(zipPath);
        Save(stream);
    }

    public void Save(Stream stream) => _ml.Model.Save(_transformer, _ml.Data.LoadFromEnumerable(Array.Empty<Input>()).Schema, stream);

    /// <summary>Loads a model saved by <see cref="Save(Stream)"/>; the stream must be seekable.</summary>
    public static FraudTypeModel Load(Stream zip, FraudTypeModelInfo? info = null)
    {
        var ml = new MLContext(info?.Options.Seed ?? 1);
        var transformer = ml.Model.Load(zip, out _);
        return new FraudTypeModel(ml, transformer, info) { Features = info?.Features ?? 0 };
    }

    public static FraudTypeModel Load(string zipPath)
    {
        using var stream = File.OpenRead(zipPath);
        var infoPath = Path.ChangeExtension(zipPath, ".json");
        return Load(stream, File.Exists(infoPath) ? ReadInfo(File.ReadAllText(infoPath)) : null);
    }

    public static string WriteInfo(FraudTypeModelInfo info) => JsonSerializer.Serialize(info, JsonOptions);

    public static FraudTypeModelInfo ReadInfo(string json) =>
        JsonSerializer.Deserialize<FraudTypeModelInfo>(json, JsonOptions) ?? throw new InvalidDataException("Empty fraud-type model record");

    private static FraudTypeModel LoadEmbedded()
    {
        var assembly = Assembly.GetExecutingAssembly();
        using var zip = assembly.GetManifestResourceStream(ResourcePrefix + "fraud-type.zip")
            ?? throw new InvalidOperationException("No fraud-type model is embedded: run tools/fraud-type/train.sh");
        using var json = assembly.GetManifestResourceStream(ResourcePrefix + "fraud-type.json");
        FraudTypeModelInfo? info = null;
        if (json is not null)
        {
            using var reader = new StreamReader(json);
            info = ReadInfo(reader.ReadToEnd());
        }
        return Load(zip, info);
    }

    private static IEstimator<ITransformer> Trainer(MLContext ml, FraudTypeTrainingOptions options) => options.Trainer switch
    {
        "sdca" => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
        {
            NumberOfThreads = 1,
            L2Regularization = options.L2Regularization,
        }),
        "lbfgs" => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            NumberOfThreads = 1,
            L2Regularization = options.L2Regularization,
            L1Regularization = 0,
            OptimizationTolerance = options.Tolerance,
        }),
        _ => throw new ArgumentException("Unknown trainer " + options.Trainer),
    };

    private PredictionEngine<Input, Output> RentEngine()
    {
        if (_engines.TryTake(out var engine))
        {
            return engine;
        }
        lock (_engineLock)
        {
            return _ml.Model.CreatePredictionEngine<Input, Output>(_transformer);
        }
    }

    private FraudTypeSuggestion ToSuggestion(float[] score)
    {
        var scores = _slots.Select((t, i) => new FraudTypeScore(t, score[i]))
            .OrderByDescending(s => s.Probability).ThenBy(s => s.Type).ToList();
        return new FraudTypeSuggestion(scores[0].Type, scores[0].Probability, scores);
    }

    private static bool HasHan(string? text) =>
        text is not null && text.Any(c => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF');

    private sealed class Input
    {
        public string Text { get; set; } = "";

        public string Label { get; set; } = "";
    }

    private sealed class Output
    {
        public string PredictedLabel { get; set; } = "";

        public float[] Score { get; set; } = [];
    }
}
