using System.Security.Cryptography;
using System.Text;
using Concord.Core.Domain;
using Concord.Matching;

namespace Concord.Core.Features.Imports;

/// <summary>The identity columns shared by targets, wanted lists and rosters, read with every variant clerks write.</summary>
internal static class PersonFields
{
    public static readonly CsvColumn[] Columns =
    [
        new("name", "姓名", Burmese: "အမည်"), new("name_latin", "拼音|拼音/英文名|英文名", Burmese: "အင်္ဂလိပ်အမည်|အင်္ဂလိပ်စာဖြင့်အမည်"), new("aliases", "别名", Burmese: "အခြားအမည်|အမည်ပြောင်"), new("sex", "性别", Burmese: "ကျား/မ|လိင်"),
        new("birth_date", "出生日期", Burmese: "မွေးသက္ကရာဇ်|မွေးနေ့"), new("nationality", "国籍", Burmese: "နိုင်ငံသား|နိုင်ငံ"), new("id_type", "证件类型", Burmese: "သက်သေခံကတ်အမျိုးအစား"), new("id_number", "证件号码", Burmese: "သက်သေခံကတ်အမှတ်|မှတ်ပုံတင်အမှတ်"),
    ];

    /// <param name="fromFile">A field read from a file a clerk may have saved through Excel: a date Excel re-wrote is read and flagged. A value typed into a form is refused instead.</param>
    public static void Read(CsvRow row, string file, List<InputProblem> problems, PersonRecord record, bool fromFile = true)
    {
        record.Name = row["name"];
        record.NameLatin = row["name_latin"];
        record.Aliases = row["aliases"];
        if (record.Name is null && record.NameLatin is null)
            problems.Add(new(file, row.Row, "name", new Phrase(ProblemTexts.NameNeeded)));

        if (FieldValues.TryParseSex(row["sex"], out var sex))
            record.Sex = sex switch { Matching.Sex.Male => "M", Matching.Sex.Female => "F", _ => null };
        else
            problems.Add(new(file, row.Row, "sex", new Phrase(ProblemTexts.NotASex, row["sex"] ?? "")));

        var birth = row["birth_date"];
        PartialDate? birthDate = null;
        if (birth is not null)
        {
            if (PartialDate.TryParse(birth, out var d)) { birthDate = d; record.BirthDate = d.ToString(); }
            // A date Excel re-wrote in the computer's own format (3/26/1990, 26.03.1990) is read, and flagged for the clerk to confirm.
            else if (fromFile && ExcelDamage.TryRewrittenDate(birth, out var rewritten))
            {
                birthDate = rewritten;
                record.BirthDate = rewritten.ToString();
                record.Flags = Flag(record.Flags, "birth-date-rewritten");
            }
            else problems.Add(new(file, row.Row, "birth_date", new Phrase(ProblemTexts.NotABirthDate, birth ?? "")));
        }

        record.NationalityWritten = row["nationality"];
        if (FieldValues.TryParseNationality(record.NationalityWritten, out var iso3)) record.Nationality = iso3;
        else problems.Add(new(file, row.Row, "nationality", new Phrase(ProblemTexts.NamesNoCountry, record.NationalityWritten ?? "")));

        ReadDocument(row, file, problems, record, birthDate);
    }

    private static void ReadDocument(CsvRow row, string file, List<InputProblem> problems, PersonRecord record, PartialDate? birthDate)
    {
        var written = row["id_number"];
        var type = NormalizeIdType(row["id_type"], written, out var typeKnown);
        if (!typeKnown)
        {
            problems.Add(new(file, row.Row, "id_type", new Phrase(ProblemTexts.NotADocumentType, row["id_type"] ?? "")));
            return;
        }
        record.IdType = type;
        record.IdNumberWritten = written;
        if (written is null) return;
        record.IdNumber = DocumentNumbers.Canonical(type, written);
        var flags = new List<string>();
        if (ExcelDamage.IsScientific(written)) flags.Add("id-excel-number");
        else if (type == "CN-RIC")
        {
            var id = record.IdNumber;
            if (!ChineseResidentId.IsWellFormed(id)) flags.Add("id-malformed");
            else
            {
                if (!ChineseResidentId.HasValidCheckDigit(id)) flags.Add("id-check-digit");
                var idBirth = ChineseResidentId.BirthDate(id);
                switch (DateComparison.Compare(birthDate, idBirth))
                {
                    case DateAgreement.Swapped: flags.Add("birth-date-day-month-swapped"); break;
                    case DateAgreement.Conflict: flags.Add("birth-date-disagrees-with-id"); break;
                }
                var idSex = ChineseResidentId.Sex(id);
                if (record.Sex is not null && idSex != Matching.Sex.Unknown && (record.Sex == "M") != (idSex == Matching.Sex.Male))
                    flags.Add("sex-disagrees-with-id");
            }
        }
        else if (type == "MM-NRC" && !MyanmarNrc.TryParse(written, out _))
        {
            flags.Add("nrc-unrecognised");
        }
        foreach (var flag in flags) record.Flags = Flag(record.Flags, flag);
    }

    private static string Flag(string? flags, string flag) => flags is null ? flag : $"{flags};{flag}";

    public static string? NormalizeIdType(string? raw, string? number, out bool known)
    {
        known = true;
        if (raw is null)
        {
            if (number is null) return null;
            var n = number.Replace(" ", "", StringComparison.Ordinal);
            if (n.Length == 18 && n[..17].All(char.IsAsciiDigit)) return "CN-RIC";
            if (MyanmarNrc.TryParse(number, out _)) return "MM-NRC";
            return "OTHER";
        }
        switch (raw.Trim().ToUpperInvariant())
        {
            case "CN-RIC" or "RIC" or "身份证" or "居民身份证": return "CN-RIC";
            case "MM-NRC" or "NRC" or "ႏိုင္ငံသားစိစစ္ေရးကတ္" or "နိုင်ငံသားစိစစ်ရေးကတ်": return "MM-NRC";
            case "PASSPORT" or "护照": return "PASSPORT";
            case "OTHER" or "其他": return "OTHER";
            default: known = false; return null;
        }
    }

    public static string RowHash(CsvRow row, IEnumerable<string> columns)
    {
        var sb = new StringBuilder();
        foreach (var c in columns) sb.Append(row[c]).Append('\u001f');
        foreach (var kv in row.Extra.OrderBy(k => k.Key, StringComparer.Ordinal)) sb.Append(kv.Key).Append('=').Append(kv.Value.Trim()).Append('\u001f');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}
