using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Concord.Scenarios;

/// <summary>What a correct system concludes from a generated scenario; serialises to the truth.json shape.</summary>
public sealed record ScenarioTruth
{
    public required int RosterRows { get; init; }
    public required int ArrestedPersons { get; init; }
    public required IReadOnlyList<IReadOnlyList<string>> DuplicateRows { get; init; }
    public required IReadOnlyDictionary<string, int> ByNationality { get; init; }
    public required int KeyFigures { get; init; }
    public required IReadOnlyDictionary<string, int> KeyByRole { get; init; }
    public required IReadOnlyList<string> KeyRosterNos { get; init; }
    public required int Fugitives { get; init; }
    public required IReadOnlyList<string> FugitiveRosterNos { get; init; }
    public required IReadOnlyList<string> NamesakeTraps { get; init; }
    public required int HandoverPersons { get; init; }
    public required int HandoverItems { get; init; }
    public required long HandoverItemUnits { get; init; }
    public required int SeizureItems { get; init; }
    public required long SeizureUnits { get; init; }
    public required IReadOnlyDictionary<string, int> ByProvince { get; init; }
    public required int ProvinceUnknown { get; init; }
    public required IReadOnlyList<FugitivePair> FugitivePairs { get; init; }
    public required IReadOnlyList<TargetPair> TargetPairs { get; init; }
    public required int EscapedTargets { get; init; }
    public required int WantedRecords { get; init; }
    public required int LeadTargets { get; init; }

    /// <summary>Options matching the truth.json files: snake_case keys, one-space indent, non-ASCII kept readable.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        IndentSize = 1,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static ScenarioTruth FromJson(string json) =>
        JsonSerializer.Deserialize<ScenarioTruth>(json, JsonOptions)
        ?? throw new JsonException("truth.json is empty.");
}

/// <summary>A fugitive: the roster rows of one arrested person and the wanted record they are. Written as [[rows], id].</summary>
[JsonConverter(typeof(FugitivePairConverter))]
public sealed record FugitivePair(IReadOnlyList<string> RosterNos, string WantedId);

/// <summary>An arrested lead target: roster rows, target id and role. Written as [[rows], id, role].</summary>
[JsonConverter(typeof(TargetPairConverter))]
public sealed record TargetPair(IReadOnlyList<string> RosterNos, string TargetId, string Role);

internal static class PairJson
{
    internal static List<string> ReadStrings(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartArray);
        var values = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(reader.GetString() ?? throw new JsonException("Expected a string."));
        }

        return values;
    }

    internal static string ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.GetString() ?? throw new JsonException("Expected a string.");
    }

    internal static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (reader.TokenType != type)
        {
            throw new JsonException($"Expected {type}, found {reader.TokenType}.");
        }
    }
}

internal sealed class FugitivePairConverter : JsonConverter<FugitivePair>
{
    public override FugitivePair Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        PairJson.Expect(ref reader, JsonTokenType.StartArray);
        reader.Read();
        var rows = PairJson.ReadStrings(ref reader);
        var id = PairJson.ReadString(ref reader);
        reader.Read();
        PairJson.Expect(ref reader, JsonTokenType.EndArray);
        return new FugitivePair(rows, id);
    }

    public override void Write(Utf8JsonWriter writer, FugitivePair value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        WriteRows(writer, value.RosterNos);
        writer.WriteStringValue(value.WantedId);
        writer.WriteEndArray();
    }

    internal static void WriteRows(Utf8JsonWriter writer, IReadOnlyList<string> rows)
    {
        writer.WriteStartArray();
        foreach (var row in rows)
        {
            writer.WriteStringValue(row);
        }

        writer.WriteEndArray();
    }
}

internal sealed class TargetPairConverter : JsonConverter<TargetPair>
{
    public override TargetPair Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        PairJson.Expect(ref reader, JsonTokenType.StartArray);
        reader.Read();
        var rows = PairJson.ReadStrings(ref reader);
        var id = PairJson.ReadString(ref reader);
        var role = PairJson.ReadString(ref reader);
        reader.Read();
        PairJson.Expect(ref reader, JsonTokenType.EndArray);
        return new TargetPair(rows, id, role);
    }

    public override void Write(Utf8JsonWriter writer, TargetPair value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        FugitivePairConverter.WriteRows(writer, value.RosterNos);
        writer.WriteStringValue(value.TargetId);
        writer.WriteStringValue(value.Role);
        writer.WriteEndArray();
    }
}
