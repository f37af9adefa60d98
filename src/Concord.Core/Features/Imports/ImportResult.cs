namespace Concord.Core.Features.Imports;

/// <summary>
/// What an import did. A file already imported into the same place changes nothing and says so. Only an update of a
/// list changes or withdraws records already there.
/// </summary>
public sealed record ImportResult(Guid Id, string Kind, string File, int Rows, int Added, int Unchanged, bool AlreadyImported, int Changed = 0, int Withdrawn = 0);
