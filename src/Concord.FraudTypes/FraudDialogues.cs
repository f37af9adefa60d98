using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Concord.FraudTypes;

/// <summary>
/// One TeleAntiFraud dialogue: its tts_id, where it was read, its type, the data's own term for it (one of the eight
/// fraud terms, or the normal dialogue's topic such as 订餐服务), and its text, the caller's and the callee's turns
/// interleaved one a line.
/// </summary>
public sealed record FraudDialogue(string TtsId, string File, int Line, FraudType Type, string Term, string Text);

/// <summary>
/// The TeleAntiFraud dialogues (testdata/eval/fraud/teleantifraud/*.jsonl.gz) and their split. A tts_id names a
/// scenario, not one dialogue: the files reuse it for dialogues that retell the same scenario, so the split keeps every
/// dialogue of an id on one side. The held-out fifth is the ids whose SHA-256 (of the id's UTF-8) starts with a byte
/// that is 0 mod 5; training chooses between its candidates on the ids whose first byte is 1 mod 5.
/// </summary>
public sealed class FraudDialogues
{
    private FraudDialogues(IReadOnlyList<FraudDialogue> all, int rowsRead)
    {
        All = all;
        RowsRead = rowsRead;
        Training = all.Where(d => !IsHeldOut(d.TtsId)).ToList();
        HeldOut = all.Where(d => IsHeldOut(d.TtsId)).ToList();
    }

    /// <summary>Every dialogue, in file order, each text once.</summary>
    public IReadOnlyList<FraudDialogue> All { get; }

    /// <summary>The four-fifths the model and the baselines learn from.</summary>
    public IReadOnlyList<FraudDialogue> Training { get; }

    /// <summary>The fifth that only evaluation reads.</summary>
    public IReadOnlyList<FraudDialogue> HeldOut { get; }

    /// <summary>Lines read, before dialogues whose text repeats an earlier one's were dropped.</summary>
    public int RowsRead { get; }

    public int DuplicatesDropped => RowsRead - All.Count;

    /// <summary>Which fifth an id falls in, 0 to 4: the first byte of SHA-256 of its UTF-8, mod 5.</summary>
    public static int Fifth(string ttsId) => SHA256.HashData(Encoding.UTF8.GetBytes(ttsId))[0] % 5;

    public static bool IsHeldOut(string ttsId) => Fifth(ttsId) == 0;

    /// <summary>The slice of the training four-fifths that training compares its candidates on.</summary>
    public static bool IsValidation(string ttsId) => Fifth(ttsId) == 1;

    /// <summary>Reads every *.jsonl.gz in the folder, in ordinal order of file name.</summary>
    public static FraudDialogues Load(string directory)
    {
        var files = Directory.GetFiles(directory, "*.jsonl.gz").OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new FileNotFoundException("No *.jsonl.gz dialogues in " + directory);
        }
        var all = new List<FraudDialogue>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = 0;
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            var normal = name.StartsWith("normal_", StringComparison.Ordinal);
            using var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            var lineNumber = 0;
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                lineNumber++;
                if (line.Length == 0)
                {
                    continue;
                }
                var row = JsonSerializer.Deserialize<Row>(line)
                    ?? throw new InvalidDataException($"{name}:{lineNumber}: not a dialogue");
                rows++;
                var type = FraudTypes.FromChinese(row.FraudType)
                    ?? (normal ? FraudType.None : throw new InvalidDataException($"{name}:{lineNumber}: unknown fraud type {row.FraudType}"));
                var text = Interleave(row.Left, row.Right);
                if (seen.Add(text))
                {
                    all.Add(new FraudDialogue(row.TtsId, name, lineNumber, type, row.FraudType, text));
                }
            }
        }
        return new FraudDialogues(all, rows);
    }

    /// <summary>The folder testdata/eval/fraud/teleantifraud in the first directory above <paramref name="start"/> that has it.</summary>
    public static string FindDirectory(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "testdata", "eval", "fraud", "teleantifraud");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("testdata/eval/fraud/teleantifraud not found above " + start);
    }

    /// <summary>The caller's first turn, the callee's first, the caller's second, and so on, one a line.</summary>
    public static string Interleave(IReadOnlyList<string> caller, IReadOnlyList<string> callee)
    {
        var text = new StringBuilder();
        for (var i = 0; i < Math.Max(caller.Count, callee.Count); i++)
        {
            if (i < caller.Count)
            {
                text.Append(caller[i]).Append('\n');
            }
            if (i < callee.Count)
            {
                text.Append(callee[i]).Append('\n');
            }
        }
        return text.ToString().TrimEnd('\n');
    }

    private sealed class Row
    {
        [JsonPropertyName("tts_id")]
        public string TtsId { get; set; } = "";

        [JsonPropertyName("left")]
        public List<string> Left { get; set; } = [];

        [JsonPropertyName("right")]
        public List<string> Right { get; set; } = [];

        [JsonPropertyName("fraud_type")]
        public string FraudType { get; set; } = "";
    }
}
