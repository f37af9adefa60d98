using System.Text.Json;
using System.Text.Json.Serialization;

namespace Concord.Core;

/// <summary>
/// An enum written as its snake_case name (<c>partly_frozen</c>) wherever a record is serialised, the API's answers and the
/// terminal's JSON alike, and read back from that name.
/// </summary>
public sealed class SnakeCaseEnum<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
