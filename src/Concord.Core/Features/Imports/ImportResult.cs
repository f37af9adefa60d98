namespace Concord.Core.Features.Imports;

/// <summary>What an import did. A file already imported into the same place changes nothing and says so.</summary>
public sealed record ImportResult(Guid Id, string Kind, string File, int Rows, int Added, int Unchanged, bool AlreadyImported);
