using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Concord.Core.Auditing;
using Concord.Matching;
using Concord.Core.Paper;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Handover;

/// <summary>
/// The manifest and the receipt on paper: A4 portrait PDFs in the two parties' languages, with every person (a photo
/// slot, names in every script, documents with where they come from, fugitive and key-figure marks) and every item
/// (type, units, hash), totals, page numbers, a signature block for each side and a QR code carrying the paper's digest,
/// so that a copy can be checked against the node. Reading one is auditing one, as reading the manifest on screen is.
/// </summary>
public static class HandoverPaper
{
    /// <summary>Every label the papers print, in English: the web app's text tables give each in the parties' languages.</summary>
    public static readonly IReadOnlyList<string> Labels =
    [
        "Handover manifest", "Handover receipt", "Operation", "From", "To", "Border port", "Handover date", "Dispatched", "Received",
        "Persons", "Items", "Units", "No.", "Photo", "Roster no.", "Names as written", "Nationality, sex, date of birth", "Documents",
        "Marks", "Status", "Item", "Type", "Description", "Hash (SHA-256)", "Holder", "Fugitive", "Key figure", "Total",
        "For the sending agency ({0})", "For the receiving agency ({0})", "Name and rank", "Signature", "Date", "Page {0} of {1}",
        "Digest of this paper (SHA-256)", "Signed receipt packet", "from a wanted list", "from the lead", "Male", "Female", "Pending", "Missing", "Identity disputed",
        "Hash mismatch", "Computer", "Phone", "SIM card", "Fraud script", "Bank card", "Cash", "Document", "Other",
        "Chinese resident ID", "Myanmar NRC", "Passport", "Other document", "Chinese", "Burmese", "Received: {0} persons, {1} items. Missing: {2} persons, {3} items. Disputed: {4}. Hash mismatch: {5}.",
        // The workbook's sheets and columns.
        "Handover", "Field", "Value", "Latin name", "Aliases", "Nationality", "Sex", "Date of birth", "Document type", "Document number", "Document source",
        "Role", "Note", "Hash read at the port", "Dispatched (UTC)", "Received (UTC)", "Draft", "Closed",
    ];

    /// <summary>The language a party reads: its country's.</summary>
    public static string LanguageOf(string country) => country switch { "CHN" or "TWN" or "HKG" or "MAC" => "zh", "MMR" => "my", _ => "en" };

    /// <summary>The manifest as a PDF, its labels in the sender's and the receiver's languages (<paramref name="translate"/>: English text, language).</summary>
    public static Task<Paper> ManifestAsync(ConcordDbContext db, Actor actor, Guid id, IReadAudit reads, Func<string, string, string> translate, CancellationToken ct) =>
        PrintAsync(db, actor, id, receipt: false, reads, translate, ct);

    /// <summary>The receipt as a PDF: the manifest as the port checked it in. Only once the handover was received.</summary>
    public static Task<Paper> ReceiptAsync(ConcordDbContext db, Actor actor, Guid id, IReadAudit reads, Func<string, string, string> translate, CancellationToken ct) =>
        PrintAsync(db, actor, id, receipt: true, reads, translate, ct);

    /// <param name="Digest">SHA-256 (hex) of the paper's content (<see cref="Digest"/>): what the QR code carries.</param>
    public sealed record Paper(byte[] Pdf, string FileName, string Digest, int Pages);

    private static async Task<Paper> PrintAsync(ConcordDbContext db, Actor actor, Guid id, bool receipt, IReadAudit reads, Func<string, string, string> translate,
        CancellationToken ct)
    {
        var m = await HandoverViews.ReadAsync(db, actor, id, reads, ct);
        var s = m.Summary;
        if (receipt && m.ReceivedAt is null)
            throw new ConcordException(new ConflictError(new Phrase(ErrorTexts.NotReceivedYet, s.Id.ToString())));
        var countries = await db.Agencies.AsNoTracking().Where(a => a.Code == s.From || a.Code == s.To).ToDictionaryAsync(a => a.Code, a => a.Country, ct);
        var languages = new[] { LanguageOf(countries.GetValueOrDefault(s.From) ?? ""), LanguageOf(countries.GetValueOrDefault(s.To) ?? "") }.Distinct().ToList();
        // Every label in both parties' languages, "移交清单 / လွှဲပြောင်းစာရင်း"; English where both read it.
        string L(string english, params object[] args) => string.Join(" / ", languages.Select(l => string.Format(CultureInfo.InvariantCulture, translate(english, l), args)));
        var digest = Digest(m, receipt);
        // A receipt the nodes exchanged signed carries the packet's signature in its QR code, to verify offline on either node.
        var signed = receipt ? await Federation.HandoverPackets.SignedReceiptAsync(db, id, ct) : null;
        var qrContent = signed is null ? QrContent(m, receipt, digest) : Federation.HandoverPackets.ReceiptQr(id, digest, signed);
        var title = receipt ? L("Handover receipt") : L("Handover manifest");
        var (pdf, pages) = PaperDocument.Write($"{(receipt ? "Receipt" : "Manifest")} {s.Operation} {s.From} - {s.To} {s.Port} {s.Date:yyyy-MM-dd}",
            page =>
            {
                page.Text(title, PaperDocument.Margin, page.Y + 14, 14);
                page.Text($"{s.Operation} · {s.From} – {s.To} · {s.Port} · {s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
                    PaperDocument.Margin, page.Y + 30, 9, SkiaSharp.SKColors.DimGray);
                page.Y += 40;
            },
            (n, of) => $"{L("Page {0} of {1}", n, of)}    {s.Operation} · {(receipt ? "receipt" : "manifest")} · sha256 {digest[..16]}…",
            page =>
            {
                // The facts, with the QR code of the digest beside them.
                const float qr = 92f;
                var top = page.Y;
                page.Qr(qrContent, PaperDocument.PageWidth - PaperDocument.Margin - qr, top, qr);
                var facts = new List<(string, string)>
                {
                    (L("Operation"), s.Operation), (L("From"), s.From), (L("To"), s.To), (L("Border port"), s.Port),
                    (L("Handover date"), s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    (L("Persons"), s.Persons.ToString(CultureInfo.InvariantCulture)),
                    (L("Items"), $"{s.Items.ToString(CultureInfo.InvariantCulture)} ({L("Units")} {s.Units.ToString(CultureInfo.InvariantCulture)})"),
                };
                if (m.DispatchedAt is { } sent) facts.Add((L("Dispatched"), sent.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)));
                if (m.ReceivedAt is { } received) facts.Add((L("Received"), received.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)));
                foreach (var (label, value) in facts)
                {
                    page.Text(label, PaperDocument.Margin, page.Y + 10, 8.5f, SkiaSharp.SKColors.DimGray);
                    page.Text(value, PaperDocument.Margin + 190, page.Y + 10, 9);
                    page.Y += 13;
                }
                page.Text(L("Digest of this paper (SHA-256)"), PaperDocument.Margin, page.Y + 10, 7.5f, SkiaSharp.SKColors.DimGray);
                page.Y += 12;
                page.Text(digest, PaperDocument.Margin, page.Y + 9, 7.5f);
                if (signed is not null)
                {
                    page.Y += 12;
                    page.Text(L("Signed receipt packet", signed.PacketId.ToString("D")), PaperDocument.Margin, page.Y + 9, 7.5f);
                }
                page.Y = Math.Max(page.Y + 16, top + qr + 8);
                if (receipt)
                {
                    page.Paragraph(L("Received: {0} persons, {1} items. Missing: {2} persons, {3} items. Disputed: {4}. Hash mismatch: {5}.",
                        s.PersonsReceived, s.ItemsReceived, s.PersonsMissing, s.ItemsMissing, s.PersonsDisputed, s.ItemsHashMismatch), 9);
                    page.Y += 4;
                }

                // Persons.
                page.Text($"{L("Persons")} ({s.Persons.ToString(CultureInfo.InvariantCulture)})", PaperDocument.Margin, page.Y + 12, 11);
                page.Y += 18;
                var personColumns = new List<PaperDocument.Column>
                {
                    new(L("No."), 24), new(L("Photo"), 36, PhotoSlot: true), new(L("Roster no."), 56), new(L("Names as written"), 111),
                    new(L("Nationality, sex, date of birth"), 78), new(L("Documents"), 118), new(L("Marks"), 56), new(L("Status"), 44),
                };
                page.Table(personColumns, m.Persons.Select((p, i) => (IReadOnlyList<string?>)
                [
                    (i + 1).ToString(CultureInfo.InvariantCulture), null, string.Join("\n", p.RosterNos),
                    string.Join("\n", p.Names.Select(n => string.Join(" · ", new[] { n.Name, n.NameLatin, n.Aliases }.Where(x => !string.IsNullOrWhiteSpace(x))))),
                    string.Join("\n", new[] { p.Nationality is { } n ? NationalityLabel(n, L) : null, p.Sex switch { "M" => L("Male"), "F" => L("Female"), _ => null }, p.BirthDate }.Where(x => x is not null)),
                    string.Join("\n", p.Documents.Select(d => $"{L(DocumentLabel(d.Type))} {d.Number}{Source(d.Source, L)}")),
                    string.Join("\n", new[] { p.Fugitive ? L("Fugitive") : null, p.Role is null ? null : L("Key figure") + " (" + p.Role + ")" }.Where(x => x is not null)),
                    receipt ? L(StatusLabel(p.Status)) + (p.Note is null ? "" : "\n" + p.Note) : L("Pending"),
                ]));
                page.Text($"{L("Total")}: {s.Persons.ToString(CultureInfo.InvariantCulture)}", PaperDocument.Margin, page.Y + 12, 9);
                page.Y += 22;

                // Items.
                page.Room(60);
                page.Text($"{L("Items")} ({s.Items.ToString(CultureInfo.InvariantCulture)})", PaperDocument.Margin, page.Y + 12, 11);
                page.Y += 18;
                var itemColumns = new List<PaperDocument.Column>
                {
                    new(L("Item"), 62), new(L("Type"), 58), new(L("Description"), 112), new(L("Units"), 30), new(L("Hash (SHA-256)"), 136),
                    new(L("Holder"), 52), new(L("Status"), 73),
                };
                page.Table(itemColumns, m.Items.Select(item => (IReadOnlyList<string?>)
                [
                    item.ItemNo, L(TypeLabel(item.Type)), item.Description, item.Quantity.ToString(CultureInfo.InvariantCulture),
                    item.Sha256 is { } sha ? sha[..32] + "\n" + sha[32..] : "—", item.Holder,
                    receipt ? L(StatusLabel(item.Status)) + (item.Note is null ? "" : "\n" + item.Note) : L("Pending"),
                ]));
                page.Text($"{L("Total")}: {s.Items.ToString(CultureInfo.InvariantCulture)} {L("Items")}, {s.Units.ToString(CultureInfo.InvariantCulture)} {L("Units")}",
                    PaperDocument.Margin, page.Y + 12, 9);
                page.Y += 26;

                // A signature block for each side, together on one page.
                const float block = 150f;
                page.Room(block + 10);
                var half = (PaperDocument.PageWidth - 2 * PaperDocument.Margin - 12) / 2;
                foreach (var (label, x) in new[] { (L("For the sending agency ({0})", s.From), PaperDocument.Margin), (L("For the receiving agency ({0})", s.To), PaperDocument.Margin + half + 12) })
                {
                    page.Box(x, page.Y, half, block);
                    var lines = page.Wrap(label, 9, half - 10);
                    for (var l = 0; l < lines.Count; l++) page.Text(lines[l], x + 5, page.Y + 14 + l * 12, 9);
                    var y = page.Y + 20 + lines.Count * 12;
                    foreach (var field in new[] { L("Name and rank"), L("Signature"), L("Date") })
                    {
                        page.Text(field, x + 5, y + 10, 8, SkiaSharp.SKColors.DimGray);
                        page.Line(x + 5, y + 30, x + half - 5, y + 30);
                        y += 34;
                    }
                }
                page.Y += block + 6;
            });
        return new Paper(pdf, $"{(receipt ? "receipt" : "manifest")}-{s.Operation}-{s.Port}-{s.Date:yyyy-MM-dd}.pdf", digest, pages);
    }

    /// <summary>
    /// The manifest or the receipt as an Excel workbook: a sheet of the handover's facts (with the paper's digest), a sheet
    /// of persons (one row per person, every name and document, marks and status) and a sheet of items, typed columns,
    /// headers in the reader's language (<paramref name="label"/>). Read and audited as the PDF is.
    /// </summary>
    public static async Task<(byte[] Xlsx, string FileName)> WorkbookAsync(ConcordDbContext db, Actor actor, Guid id, bool receipt, IReadAudit reads,
        Func<string, string> label, CancellationToken ct)
    {
        var m = await HandoverViews.ReadAsync(db, actor, id, reads, ct);
        var s = m.Summary;
        if (receipt && m.ReceivedAt is null)
            throw new ConcordException(new ConflictError(new Phrase(ErrorTexts.NotReceivedYet, s.Id.ToString())));
        string L(string english) => label(english);
        List<IReadOnlyList<object?>> facts =
        [
            [L("Operation"), s.Operation], [L("From"), s.From], [L("To"), s.To], [L("Border port"), s.Port], [L("Handover date"), s.Date],
            [L("Status"), L(StatusLabel(s.State))], [L("Persons"), s.Persons], [L("Items"), s.Items], [L("Units"), s.Units],
        ];
        if (m.DispatchedAt is { } sent) facts.Add([L("Dispatched (UTC)"), sent]);
        if (m.ReceivedAt is { } received) facts.Add([L("Received (UTC)"), received]);
        facts.Add([L("Digest of this paper (SHA-256)"), Digest(m, receipt)]);
        var persons = m.Persons.Select((p, i) => (IReadOnlyList<object?>)
        [
            i + 1, string.Join(", ", p.RosterNos), string.Join(" / ", p.Names.Select(n => n.Name).Where(n => !string.IsNullOrWhiteSpace(n)).Distinct()),
            string.Join(" / ", p.Names.Select(n => n.NameLatin).Where(n => !string.IsNullOrWhiteSpace(n)).Distinct()),
            string.Join(" / ", p.Names.Select(n => n.Aliases).Where(n => !string.IsNullOrWhiteSpace(n)).Distinct()),
            p.Nationality, p.Sex switch { "M" => L("Male"), "F" => L("Female"), _ => null }, p.BirthDate,
            string.Join("\n", p.Documents.Select(d => L(DocumentLabel(d.Type)))), string.Join("\n", p.Documents.Select(d => d.Number)),
            string.Join("\n", p.Documents.Select(d => d.Source)), p.Fugitive, p.Role, receipt ? L(StatusLabel(p.Status)) : L("Pending"), p.Note,
        ]).ToList();
        var items = m.Items.Select(i => (IReadOnlyList<object?>)
        [
            i.ItemNo, L(TypeLabel(i.Type)), i.Description, i.Quantity, i.Sha256, i.Holder, receipt ? L(StatusLabel(i.Status)) : L("Pending"), i.ReceivedSha256, i.Note,
        ]).ToList();
        var xlsx = Spreadsheet.Write(
        [
            new Sheet(L("Handover"), [L("Field"), L("Value")], facts),
            new Sheet(L("Persons"), [L("No."), L("Roster no."), L("Names as written"), L("Latin name"), L("Aliases"), L("Nationality"), L("Sex"), L("Date of birth"),
                L("Document type"), L("Document number"), L("Document source"), L("Fugitive"), L("Key figure"), L("Status"), L("Note")], persons),
            new Sheet(L("Items"), [L("Item"), L("Type"), L("Description"), L("Units"), L("Hash (SHA-256)"), L("Holder"), L("Status"), L("Hash read at the port"), L("Note")], items),
        ]);
        return (xlsx, $"{(receipt ? "receipt" : "manifest")}-{s.Operation}-{s.Port}-{s.Date:yyyy-MM-dd}.xlsx");
    }

    /// <summary>What the QR code of a paper carries: what it is, which handover, and the digest.</summary>
    public static string QrContent(HandoverViews.Manifest m, bool receipt, string digest) =>
        $"concord:{(receipt ? "receipt" : "manifest")}:{m.Summary.Id:D}:sha256:{digest}";

    /// <summary>
    /// SHA-256 (hex) of the paper's content in a fixed form: the handover, each person (roster numbers, names, documents)
    /// and each item (number, type, units, hash), in manifest order; for a receipt, each line's status, note and the hash
    /// read at the port, and when it was received. Two copies of the same paper have the same digest.
    /// </summary>
    public static string Digest(HandoverViews.Manifest m, bool receipt)
    {
        var s = m.Summary;
        var text = new StringBuilder();
        text.Append(receipt ? "concord-receipt-v1" : "concord-manifest-v1").Append('\n')
            .Append(s.Id.ToString("D")).Append('|').Append(s.Operation).Append('|').Append(s.From).Append('|').Append(s.To).Append('|').Append(s.Port).Append('|')
            .Append(s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\n');
        foreach (var p in m.Persons)
        {
            text.Append("P|").AppendJoin(',', p.RosterNos).Append('|')
                .AppendJoin(',', p.Names.Select(n => $"{n.Name}/{n.NameLatin}/{n.Aliases}")).Append('|')
                .AppendJoin(',', p.Documents.Select(d => $"{d.Type}:{d.Number}"));
            if (receipt) text.Append('|').Append(p.Status).Append('|').Append(p.Note);
            text.Append('\n');
        }
        foreach (var i in m.Items)
        {
            text.Append("I|").Append(i.ItemNo).Append('|').Append(i.Type).Append('|').Append(i.Quantity.ToString(CultureInfo.InvariantCulture)).Append('|').Append(i.Sha256);
            if (receipt) text.Append('|').Append(i.Status).Append('|').Append(i.ReceivedSha256).Append('|').Append(i.Note);
            text.Append('\n');
        }
        if (receipt) text.Append("R|").Append(m.ReceivedAt?.ToString("O", CultureInfo.InvariantCulture)).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string Source(string? source, Func<string, object[], string> label) => source?.Split(':', 2) switch
    {
        ["wanted", var no] => $" ({label("from a wanted list", [])} {no})",
        ["target", var no] => $" ({label("from the lead", [])} {no})",
        _ => "",
    };

    private static string NationalityLabel(string code, Func<string, object[], string> label) => code switch
    {
        "CHN" => $"{label("Chinese", [])} (CHN)",
        "MMR" => $"{label("Burmese", [])} (MMR)",
        _ => $"{Countries.Name(code, "en")} ({code})",
    };

    /// <summary>A document type's English label (the key the text tables translate).</summary>
    public static string DocumentLabel(string? type) => type switch
    {
        "CN-RIC" => "Chinese resident ID",
        "MM-NRC" => "Myanmar NRC",
        "PASSPORT" => "Passport",
        _ => "Other document",
    };

    /// <summary>An item type's English label (the key the text tables translate).</summary>
    public static string TypeLabel(string type) => type switch
    {
        "computer" => "Computer",
        "phone" => "Phone",
        "sim_card" => "SIM card",
        "script" => "Fraud script",
        "bank_card" => "Bank card",
        "cash" => "Cash",
        "document" => "Document",
        _ => "Other",
    };

    /// <summary>A person's, item's or handover's status as the English label the text tables translate.</summary>
    public static string StatusLabel(string status) => status switch
    {
        "received" => "Received",
        "missing" => "Missing",
        "identity_disputed" => "Identity disputed",
        "hash_mismatch" => "Hash mismatch",
        "draft" => "Draft",
        "dispatched" => "Dispatched",
        "closed" => "Closed",
        _ => "Pending",
    };
}
