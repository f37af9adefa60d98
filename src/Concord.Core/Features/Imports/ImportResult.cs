namespace Concord.Core.Features.Imports;

/// <summary>
/// What an import did. A file already imported into the same place changes nothing and says so. Only an update of a
/// list changes or withdraws records already there.
/// </summary>
/// <param name="ReadAs">How the file was read when it was not UTF-8 CSV: <c>GB18030</c>, or a workbook's sheet (<c>xlsx: Sheet1</c>).</param>
public sealed record ImportResult(Guid Id, string Kind, string File, int Rows, int Added, int Unchanged, bool AlreadyImported, int Changed = 0, int Withdrawn = 0,
    string? ReadAs = null);
