using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Concord.Core.Storage;

/// <summary>Times are UTC everywhere; SQLite returns them unspecified, PostgreSQL's timestamptz insists on UTC.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
