using System.Text;
using System.Text.Json;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Imports;
using Concord.Core.Storage;
using Concord.Matching;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Cases;

/// <summary>
/// Importing what a forensic tool extracted from one seized device (<c>docs/extractions.md</c>): a JSON file with the
/// item, the image's hash and one array per table, or a folder with <c>extraction.csv</c> and one CSV per table. Only the
/// item's current holder imports it; an image hash other than the one recorded at seizure refuses it. Every identifier
/// is normalised as a report's are, so that the two meet on one key. All or nothing, naming the table, row and column of
/// every problem; the same file again changes nothing.
/// </summary>
public static class ImportExtraction
{
    /// <summary>The columns of each table: which hold identifiers (of which kind, the device's own or one it knew) and which text.</summary>
    public static readonly IReadOnlyDictionary<ExtractionTable, CsvColumn[]> Tables = new Dictionary<ExtractionTable, CsvColumn[]>
    {
        [ExtractionTable.Device] = [new("imei", Required: true), new("model")],
        [ExtractionTable.Sims] = [new("msisdn"), new("imsi"), new("iccid")],
        [ExtractionTable.Accounts] = [new("app", Required: true), new("account", Required: true), new("name")],
        [ExtractionTable.Contacts] = [new("name"), new("phone"), new("app"), new("account")],
        [ExtractionTable.Calls] = [new("number", Required: true), new("direction"), new("at"), new("duration_s")],
        [ExtractionTable.Chats] = [new("app", Required: true), new("peer", Required: true), new("at"), new("text")],
        [ExtractionTable.Payments] = [new("kind", Required: true), new("account"), new("counterparty"), new("direction"), new("amount"), new("currency"), new("at")],
        [ExtractionTable.Scripts] = [new("title"), new("text", Required: true)],
    };

    public static readonly CsvColumn[] HeaderColumns =
    [
        new("item_no", "物品编号", true, "ပစ္စည်းအမှတ်"), new("image_sha256", Required: true), new("tool"), new("examiner"), new("extracted_at"),
    ];

    /// <summary>A table's name as files write it.</summary>
    public static string TableName(ExtractionTable table) => table.ToString().ToLowerInvariant();

    /// <summary>An extraction as read from its file or folder, before it is checked against the records.</summary>
    public sealed record Parsed(string FileName, string Sha256, CsvRow Header, IReadOnlyDictionary<ExtractionTable, CsvTable> Tables);

    /// <summary>
    /// A JSON file, a folder in the CSV layout (with <c>extraction.csv</c>), or a folder of JSON files (a lab's delivery,
    /// imported all or nothing).
    /// </summary>
    public static async Task<IReadOnlyList<ImportResult>> RunAsync(ConcordDbContext db, Actor actor, string path, string operationCode, CancellationToken ct)
    {
        var operation = await Access.OperationAsync(db, actor, operationCode, own: false, ct);
        IReadOnlyList<Parsed> batch = !Directory.Exists(path) ? [Parse(Path.GetFileName(path), ReadFile(path))]
            : File.Exists(Path.Combine(path, "extraction.csv")) ? [ReadFolder(path)]
            : [.. Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal).Select(f => Parse(Path.GetFileName(f), File.ReadAllBytes(f)))];
        return await RunAsync(db, actor, batch, operation, ct);
    }

    /// <summary>
    /// Files that arrived as bytes (an upload), for the operation named by <paramref name="operationCode"/>: with an
    /// <c>extraction.csv</c> among them, one extraction in the CSV layout; otherwise each a JSON extraction, all or nothing.
    /// </summary>
    public static async Task<IReadOnlyList<ImportResult>> RunAsync(ConcordDbContext db, Actor actor, IReadOnlyList<(string Name, byte[] Bytes)> files, string operationCode,
        CancellationToken ct)
    {
        var operation = await Access.OperationAsync(db, actor, operationCode, own: false, ct);
        if (files.Count == 0) throw new ConcordException(new InvalidRequestError("file", "send the extraction: a JSON file per device, or extraction.csv with a CSV per table"));
        var ordered = files.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        IReadOnlyList<Parsed> batch = ordered.Any(f => f.Name == "extraction.csv")
            ? [ReadTables("extraction", ordered)]
            : [.. ordered.Select(f => Parse(f.Name, f.Bytes))];
        return await RunAsync(db, actor, batch, operation, ct);
    }

    /// <summary>What a lab's delivery came to: each file's import, and how many extractions were newly shared, with whom.</summary>
    public sealed record Delivery(IReadOnlyList<ImportResult> Imported, string? SharedWith, int Shared);

    /// <summary>
    /// A lab's delivery as the page, the API and the CLI take it: the files imported all or nothing, then, when
    /// <paramref name="shareWith"/> names an agency, every extraction of the delivery (new or imported before) shared
    /// with it at once. Sending the same delivery again changes nothing and completes a sharing that failed.
    /// </summary>
    public static async Task<Delivery> DeliverAsync(ConcordDbContext db, Actor actor, IReadOnlyList<(string Name, byte[] Bytes)> files, string operationCode,
        string? shareWith, CancellationToken ct) =>
        await ShareAsync(db, actor, await RunAsync(db, actor, files, operationCode, ct), shareWith, ct);

    /// <summary>The same for a file or folder on disk (the CLI).</summary>
    public static async Task<Delivery> DeliverAsync(ConcordDbContext db, Actor actor, string path, string operationCode, string? shareWith, CancellationToken ct) =>
        await ShareAsync(db, actor, await RunAsync(db, actor, path, operationCode, ct), shareWith, ct);

    private static async Task<Delivery> ShareAsync(ConcordDbContext db, Actor actor, IReadOnlyList<ImportResult> imported, string? shareWith, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(shareWith)) return new Delivery(imported, null, 0);
        var code = shareWith.Trim();
        return new Delivery(imported, code, await CaseLinks.ShareAsync(db, actor, CaseAccess.ExtractionRecord, imported.Select(r => r.Id).ToList(), code, ct));
    }

    private static byte[] ReadFile(string path) => File.Exists(path)
        ? File.ReadAllBytes(path)
        : throw CsvTable.Problem(Path.GetFileName(path), null, null, new Phrase(ProblemTexts.FileNotFound));

    /// <summary>A JSON extraction: <c>{"item_no": …, "image_sha256": …, "sims": [{…}], …}</c>.</summary>
    public static Parsed Parse(string fileName, byte[] bytes)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw CsvTable.Problem(fileName, null, null, new Phrase(ProblemTexts.NotJson, e.Message));
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw CsvTable.Problem(fileName, null, null, new Phrase(ProblemTexts.NotJson, "the file holds no object"));
            var problems = new List<InputProblem>();
            var header = new Dictionary<string, string>(StringComparer.Ordinal);
            var tables = new Dictionary<ExtractionTable, CsvTable>();
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.Array)
                {
                    if (!TryParseTable(p.Name, out var table)) { problems.Add(new(fileName, null, p.Name, new Phrase(ProblemTexts.NotAnExtractionTable, p.Name))); continue; }
                    var rows = new List<CsvRow>();
                    var i = 0;
                    foreach (var item in p.Value.EnumerateArray())
                    {
                        i++;
                        var cells = new Dictionary<string, string>(StringComparer.Ordinal);
                        var extra = new Dictionary<string, string>(StringComparer.Ordinal);
                        if (item.ValueKind == JsonValueKind.Object)
                        {
                            foreach (var f in item.EnumerateObject())
                                (Tables[table].Any(c => c.Name == f.Name) ? cells : extra)[f.Name] = Text(f.Value);
                        }
                        rows.Add(new CsvRow(i, cells, extra));
                    }
                    tables[table] = new CsvTable { FileName = $"{fileName}: {p.Name}", Sha256 = "", Rows = rows };
                }
                else header[p.Name] = Text(p.Value);
            }
            Importer.ThrowIfAny(problems);
            return new Parsed(fileName, CsvTable.HashOf(bytes), new CsvRow(1, header, new Dictionary<string, string>()), tables);
        }
    }

    /// <summary>A folder: <c>extraction.csv</c> (one row: the item and its image) and a CSV per table, named by the table.</summary>
    public static Parsed ReadFolder(string folder) =>
        ReadTables(Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)),
            [.. Directory.GetFiles(folder, "*.csv").Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)))]);

    /// <summary>The CSV layout's files by name, in name order: <c>extraction.csv</c> and one per table.</summary>
    private static Parsed ReadTables(string name, IReadOnlyList<(string Name, byte[] Bytes)> files)
    {
        var header = CsvTable.Parse("extraction.csv", files.First(f => f.Name == "extraction.csv").Bytes, HeaderColumns);
        if (header.Rows.Count != 1) throw CsvTable.Problem("extraction.csv", null, null, new Phrase(ProblemTexts.ValueRequired));
        var tables = new Dictionary<ExtractionTable, CsvTable>();
        var hashes = new StringBuilder(header.Sha256);
        foreach (var (file, bytes) in files)
        {
            var stem = Path.GetFileNameWithoutExtension(file);
            if (stem == "extraction") continue;
            if (!file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || !TryParseTable(stem, out var table))
                throw CsvTable.Problem(file, null, null, new Phrase(ProblemTexts.NotAnExtractionTable, stem));
            tables[table] = CsvTable.Parse(file, bytes, Tables[table]);
            hashes.Append(table).Append(tables[table].Sha256);
        }
        return new Parsed(name, CsvTable.HashOf(Encoding.UTF8.GetBytes(hashes.ToString())), header.Rows[0], tables);
    }

    public static bool TryParseTable(string? text, out ExtractionTable table) =>
        Enum.TryParse(text, ignoreCase: true, out table) && Enum.IsDefined(table) && !int.TryParse(text, out _);

    private static string Text(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString() ?? "",
        JsonValueKind.Null => "",
        _ => e.GetRawText(),
    };

    /// <summary>The extraction checked against the seizure it names and written, for an operation the caller sees.</summary>
    public static async Task<ImportResult> RunAsync(ConcordDbContext db, Actor actor, Parsed parsed, Operation operation, CancellationToken ct) =>
        (await RunAsync(db, actor, [parsed], operation, ct))[0];

    /// <summary>
    /// A forensic lab's delivery: many devices' extractions, all or nothing. Each is checked against the item it names
    /// (seized in the operation, held by the caller's agency, the image hashed at seizure) and gets its own audit entry;
    /// one already imported is skipped.
    /// </summary>
    public static async Task<IReadOnlyList<ImportResult>> RunAsync(ConcordDbContext db, Actor actor, IReadOnlyList<Parsed> batch, Operation operation, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.ImportExtractions, "extraction import", ct);
        var problems = new List<InputProblem>();
        var seizures = await db.Seizures.AsNoTracking().Where(s => s.OperationId == operation.Id).ToDictionaryAsync(s => s.ItemNo, StringComparer.Ordinal, ct);
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, ct);
        var seizureIds = seizures.Values.Select(s => s.Id).ToList();
        var done = (await db.Extractions.AsNoTracking().Where(e => seizureIds.Contains(e.SeizureId)).Select(e => new { e.Id, e.SeizureId, e.FileSha256, e.Rows }).ToListAsync(ct))
            .ToDictionary(e => (e.SeizureId, e.FileSha256), e => (e.Id, e.Rows));
        var results = new List<ImportResult>();
        var added = new List<(Extraction Extraction, Parsed Parsed)>();
        foreach (var parsed in batch)
        {
            var file = parsed.FileName;
            var itemNo = parsed.Header["item_no"];
            var image = parsed.Header["image_sha256"]?.ToLowerInvariant();
            if (itemNo is null) { problems.Add(new(file, null, "item_no", new Phrase(ProblemTexts.ValueRequired))); continue; }
            if (image is null) { problems.Add(new(file, null, "image_sha256", new Phrase(ProblemTexts.ValueRequired))); continue; }
            if (image.Length != 64 || !image.All(char.IsAsciiHexDigit)) { problems.Add(new(file, null, "image_sha256", new Phrase(ProblemTexts.NotSha256))); continue; }
            if (!seizures.TryGetValue(itemNo, out var seizure)) { problems.Add(new(file, null, "item_no", new Phrase(ProblemTexts.NotInOperationSeizures, itemNo, operation.Code))); continue; }
            // Custody: only the item's holder reads what its device holds.
            if (!actor.Sees(seizure.CustodyAgencyId)) throw await Access.DeniedAsync(db, actor, nameof(Seizure), seizure.Id, "item", itemNo, ct);
            if (seizure.Sha256 is { } recorded && recorded != image)
            {
                problems.Add(new(file, null, "image_sha256", new Phrase(ProblemTexts.ImageHashDiffers, itemNo, recorded, image)));
                continue;
            }
            if (done.TryGetValue((seizure.Id, parsed.Sha256), out var before))
            {
                results.Add(new ImportResult(before.Id, "extraction", file, before.Rows, 0, before.Rows, true));
                continue;
            }
            var holder = agencies[seizure.CustodyAgencyId];
            var region = CaseFields.RegionOf(holder.Country, "ZZ");
            var extraction = new Extraction
            {
                AgencyId = seizure.CustodyAgencyId,
                SeizureId = seizure.Id,
                ItemNo = seizure.ItemNo,
                ImageSha256 = image,
                Tool = parsed.Header["tool"],
                Examiner = parsed.Header["examiner"],
                FileName = file,
                FileSha256 = parsed.Sha256,
            };
            if (parsed.Header["extracted_at"] is { } at)
            {
                if (LocalTimes.TryRead(at, operation.TimeZone, out var when, out _)) extraction.ExtractedAt = when;
                else problems.Add(new(file, null, "extracted_at", new Phrase(ProblemTexts.NotATimestamp, at)));
            }
            foreach (var (table, data) in parsed.Tables)
            {
                foreach (var row in data.Rows)
                {
                    extraction.Rows++;
                    foreach (var record in Read(table, row, data.FileName, region, operation.TimeZone, problems))
                    {
                        record.ExtractionId = extraction.Id;
                        extraction.Records.Add(record);
                    }
                }
            }
            done[(seizure.Id, parsed.Sha256)] = (extraction.Id, extraction.Rows);
            added.Add((extraction, parsed));
            results.Add(new ImportResult(extraction.Id, "extraction", file, extraction.Rows, extraction.Rows, 0, false));
        }
        Importer.ThrowIfAny(problems);
        if (added.Count == 0) return results;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var (extraction, parsed) in added)
        {
            db.Extractions.Add(extraction);
            db.Record(actor, "extraction.import", nameof(Extraction), extraction.Id,
                $"{parsed.FileName} sha256={parsed.Sha256} item={extraction.ItemNo} operation={operation.Code} image={extraction.ImageSha256} rows={extraction.Rows} identifiers={extraction.Records.Count(r => r.Value is not null)}");
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return results;
    }

    private static IEnumerable<ExtractionRecord> Read(ExtractionTable table, CsvRow row, string file, string region, string zone, List<InputProblem> problems)
    {
        foreach (var c in Tables[table].Where(c => c.Required && row[c.Name] is null))
            problems.Add(new(file, row.Row, c.Name, new Phrase(ProblemTexts.ValueRequired)));
        DateTime? at = null;
        if (row["at"] is { } written && Tables[table].Any(c => c.Name == "at"))
        {
            if (LocalTimes.TryRead(written, zone, out var when, out _)) at = when;
            else problems.Add(new(file, row.Row, "at", new Phrase(ProblemTexts.NotATimestamp, written)));
        }
        ExtractionRecord? Id(IdentifierKind kind, string column, bool own, string? text = null)
        {
            if (row[column] is not { } value) return null;
            if (CaseFields.Identifier(kind, value, region, file, row.Row, column, problems) is not { } r) return null;
            return new ExtractionRecord
            {
                Table = table,
                Row = row.Row,
                Kind = CaseIdentifiers.KindName(kind),
                Value = r.Value,
                Written = value,
                Own = own,
                Flags = CaseFields.FlagText(r.Flags),
                Text = text,
                At = at,
            };
        }
        IdentifierKind? App(string column)
        {
            if (row[column] is not { } app) return null;
            if (CaseIdentifiers.TryParseKind(app, out var kind) && kind is IdentifierKind.WeChat or IdentifierKind.QQ or IdentifierKind.Telegram or IdentifierKind.WhatsApp or IdentifierKind.Line)
                return kind;
            problems.Add(new(file, row.Row, column, new Phrase(ProblemTexts.NotAnAppAccountKind, app)));
            return null;
        }
        var records = new List<ExtractionRecord?>();
        switch (table)
        {
            case ExtractionTable.Device:
                records.Add(Id(IdentifierKind.Imei, "imei", own: true, row["model"]));
                break;
            case ExtractionTable.Sims:
                records.Add(Id(IdentifierKind.Phone, "msisdn", own: true, row["iccid"]));
                records.Add(Id(IdentifierKind.Imsi, "imsi", own: true, row["iccid"]));
                break;
            case ExtractionTable.Accounts:
                if (App("app") is { } signedIn) records.Add(Id(signedIn, "account", own: true, row["name"]));
                break;
            case ExtractionTable.Contacts:
                records.Add(Id(IdentifierKind.Phone, "phone", own: false, row["name"]));
                if (row["account"] is not null && App("app") is { } known) records.Add(Id(known, "account", own: false, row["name"]));
                break;
            case ExtractionTable.Calls:
                records.Add(Id(IdentifierKind.Phone, "number", own: false, row["direction"]));
                break;
            case ExtractionTable.Chats:
                if (App("app") is { } chat) records.Add(Id(chat, "peer", own: false, row["text"]));
                break;
            case ExtractionTable.Payments:
                if (!CaseIdentifiers.TryParseKind(row["kind"], out var kind))
                {
                    if (row["kind"] is { } k) problems.Add(new(file, row.Row, "kind", new Phrase(ProblemTexts.NotAnIdentifierKind, k)));
                    break;
                }
                var amounts = CaseFields.Amounts(row["amount"], row["currency"], null, file, row.Row, "amount", problems);
                foreach (var (column, mine) in new[] { ("account", true), ("counterparty", false) })
                {
                    if (Id(kind, column, mine, row["direction"]) is not { } r) continue;
                    if (amounts.Count > 0) (r.Amount, r.Currency) = (amounts[0].Amount, amounts[0].Currency);
                    records.Add(r);
                }
                break;
            case ExtractionTable.Scripts:
                if (row["text"] is { } script) records.Add(new ExtractionRecord { Table = table, Row = row.Row, Written = row["title"], Text = script });
                break;
        }
        return records.OfType<ExtractionRecord>();
    }
}
