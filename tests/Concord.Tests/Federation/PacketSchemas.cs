using System.Text.Json;
using Json.Schema;
using Concord.Tests.Infrastructure;

namespace Concord.Tests.Federation;

/// <summary>The published schemas of <c>docs/packets/</c>, against which every packet a test makes is checked: envelope, and body by type.</summary>
internal static class PacketSchemas
{
    private static readonly Dictionary<string, JsonSchema> Schemas = Directory.GetFiles(Path.Combine(Repo.Root, "docs", "packets"), "*.schema.json")
        .ToDictionary(f => Path.GetFileName(f)[..^".schema.json".Length], f => JsonSchema.FromText(File.ReadAllText(f)), StringComparer.Ordinal);

    /// <summary>The problems of one envelope, as canonical JSON, with its body; none when both follow their schemas.</summary>
    public static IReadOnlyList<string> Problems(string envelope)
    {
        using var doc = JsonDocument.Parse(envelope);
        var type = doc.RootElement.GetProperty("type").GetString()!;
        if (!Schemas.TryGetValue(type, out var body)) return [$"{type}: no schema in docs/packets"];
        var problems = new List<string>();
        Check(Schemas["envelope"], doc.RootElement, "envelope", problems);
        Check(body, doc.RootElement.GetProperty("body"), type, problems);
        return problems;
    }

    private static void Check(JsonSchema schema, JsonElement instance, string name, List<string> problems)
    {
        var result = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid) return;
        foreach (var d in result.Details ?? [])
            if (d.Errors is { Count: > 0 } errors)
                problems.AddRange(errors.Select(e => $"{name} {d.InstanceLocation}: {e.Key} {e.Value}"));
        if (problems.Count == 0) problems.Add($"{name}: not valid");
    }
}
