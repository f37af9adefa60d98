using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.Matching;
using CsvHelper;

namespace Concord.Scenarios;

/// <summary>The size of a generated case scenario.</summary>
public sealed record CaseScenarioOptions
{
    public int Seed { get; init; } = 14;
    /// <summary>Reports whose numbers, accounts and wallets are those of the dens' seized devices.</summary>
    public int LinkedReports { get; init; } = 5_000;
    /// <summary>Reports of fraud that has nothing to do with the operation.</summary>
    public int UnrelatedReports { get; init; } = 20_000;
    /// <summary>The percentage of linked reports that name no identifier of the dens, only retell a script seized there.</summary>
    public int NearPercent { get; init; } = 10;
    /// <summary>The percentage of unrelated reports that retell a script of the same kind, but one no den here used.</summary>
    public int UnrelatedScriptPercent { get; init; } = 10;
    public int Days { get; init; } = 300;
    public int Provinces { get; init; } = 25;
    /// <summary>The day before the raid: reports fall in the <see cref="Days"/> days up to it.</summary>
    public DateOnly LastDay { get; init; } = new(2024, 3, 23);
}

/// <summary>What a case scenario's truth says: for each linked report its dens and suspects, and each den's losses by currency.</summary>
public sealed record CaseTruth(
    IReadOnlyDictionary<string, CaseTruth.Report> Reports,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> LossesByDen,
    int LinkedReports,
    int UnrelatedReports,
    int Extractions)
{
    /// <summary>A linked report's dens and suspects; <see cref="Near"/> when only its narrative ties it to them (it quotes their script).</summary>
    public sealed record Report(IReadOnlyList<string> Dens, IReadOnlyList<string> Suspects, bool Near = false);

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    public static CaseTruth FromJson(string json) => JsonSerializer.Deserialize<CaseTruth>(json, Options)!;
}

/// <summary>
/// A generated sequel to an operation's seizures: what forensic tools extracted from each seized phone, computer, bag of
/// SIM cards and bag of bank cards (<c>extractions/ITEM.json</c>), and victims' reports from across China
/// (<c>reports.csv</c>): some name the numbers, accounts and wallets the dens' devices owned, written as victims and
/// clerks write them (spaced, dashed, full-width, without the country code, WhatsApp for a number, a wallet in lower
/// case), or, one in ten, none of them but the words of a script seized on the den's computer or a suspect's phone, as the
/// victim retells it; the rest are unrelated fraud, some of it naming numbers that the dens' phones only knew (a contact,
/// not their own), or retelling a script no den here used, which must link to nothing. <c>truth.json</c> says which report belongs to which den and suspect, and each den's
/// losses.
/// </summary>
public static class CaseScenario
{
    private sealed record Item(string ItemNo, string Den, string Type, int Quantity, string? Holder, string? Sha256);

    /// <summary>An identifier a device owns: its kind as reports' columns name it, and its value as the device wrote it.</summary>
    private sealed record Owned(string Kind, string Value, Item Item);

    /// <summary>A script found on a seized device: the den's computer (no holder) or a suspect's phone.</summary>
    private sealed record Scripted(string Den, string? Holder, string Script);

    private static readonly string[] FraudTypes = ["客服诈骗", "投资诈骗", "银行诈骗", "钓鱼诈骗", "身份盗窃", "邮件诈骗", "彩票诈骗", "绑架诈骗"];

    private static readonly string[] Narratives =
    [
        "对方自称电商平台客服，称我购买的商品有质量问题需要理赔，让我下载会议软件共享屏幕后转账。",
        "在交友软件认识一名网友，对方带我在投资平台充值，开始小额盈利，后来大额充值后无法提现。",
        "接到自称银行工作人员的电话，说我的银行卡涉嫌洗钱需要配合调查，要求把钱转到安全账户。",
        "收到短信称我的积分即将过期，点击链接填写了银行卡号和验证码，随后卡内资金被转走。",
        "对方冒充公安机关，说我的身份证被人冒用开户，要求我提供个人信息并缴纳保证金。",
        "对方自称快递客服，称我的包裹丢失要赔偿，让我扫码进入理赔页面，被骗走存款。",
        "收到中奖通知，称我抽中大奖需要先交税费和手续费才能领奖，多次转账后对方失联。",
        "接到电话称我的孩子在外地被绑架，要求立即汇款赎人，后来发现孩子在学校安然无恙。",
    ];

    public static CaseTruth Generate(string operationDir, string outDir, CaseScenarioOptions? options = null)
    {
        options ??= new CaseScenarioOptions();
        var random = new Random(options.Seed);
        var items = ReadItems(Path.Combine(operationDir, "seizures.csv"));
        Directory.CreateDirectory(outDir);
        var extractionDir = Path.Combine(outDir, "extractions");
        if (Directory.Exists(extractionDir)) Directory.Delete(extractionDir, recursive: true);
        Directory.CreateDirectory(extractionDir);

        var used = new HashSet<string>(StringComparer.Ordinal);
        var owned = new List<Owned>();
        var knownOnly = new List<string>();
        var phonesByDen = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var extractions = new List<(Item Item, JsonObject Json)>();
        // Each den's own scripts, kept on its computers; one phone in seven with a holder has its user's own.
        var denScripts = items.Select(i => i.Den).Distinct().ToDictionary(d => d, _ => new[] { FraudScripts.Script(random), FraudScripts.Script(random), FraudScripts.Script(random) }, StringComparer.Ordinal);
        var scripted = new List<Scripted>();
        foreach (var item in items)
        {
            var json = Extraction(random, item, used, owned, denScripts[item.Den], scripted);
            if (json is null) continue;
            extractions.Add((item, json));
            foreach (var sim in json["sims"]?.AsArray() ?? [])
            {
                if (item.Type != "phone") continue;
                if (!phonesByDen.TryGetValue(item.Den, out var list)) phonesByDen[item.Den] = list = [];
                list.Add(sim!["msisdn"]!.GetValue<string>());
            }
        }
        // A phone's contacts: its den's other phones (owned elsewhere, so a report naming one links to that phone's
        // holder) and numbers it only knew, which no device owns.
        foreach (var (item, json) in extractions.Where(e => e.Item.Type == "phone"))
        {
            var contacts = new JsonArray();
            var den = phonesByDen.GetValueOrDefault(item.Den) ?? [];
            for (var i = 0; i < random.Next(2, 6) && den.Count > 0; i++) contacts.Add(new JsonObject { ["name"] = "同事" + (i + 1).ToString(CultureInfo.InvariantCulture), ["phone"] = den[random.Next(den.Count)] });
            for (var i = 0; i < random.Next(1, 4); i++)
            {
                var number = Unique(used, () => ChineseMobile(random));
                knownOnly.Add(number);
                contacts.Add(new JsonObject { ["name"] = "联系人" + (i + 1).ToString(CultureInfo.InvariantCulture), ["phone"] = number });
            }
            json["contacts"] = contacts;
        }
        foreach (var (item, json) in extractions)
            File.WriteAllText(Path.Combine(extractionDir, item.ItemNo + ".json"), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

        var seizedClauses = scripted.SelectMany(s => Clauses(s.Script)).ToHashSet(StringComparer.Ordinal);
        var provinces = IdNumbers.Provinces.OrderBy(_ => random.Next()).Take(options.Provinces).ToArray();
        var truth = new Dictionary<string, CaseTruth.Report>(StringComparer.Ordinal);
        var losses = new Dictionary<string, Dictionary<string, decimal>>(StringComparer.Ordinal);
        var callers = owned.Where(o => o.Kind is "phone" or "wechat" or "qq" or "telegram" or "whatsapp").ToList();
        var payees = owned.Where(o => o.Kind is "bank_card" or "bank_account" or "tron" or "ethereum").GroupBy(o => o.Item.Den).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var rows = new List<(string CaseNo, string?[] Cells)>();
        var victims = new List<(string Name, string Id)>();
        var total = options.LinkedReports + options.UnrelatedReports;
        var linkedAt = new HashSet<int>(Enumerable.Range(0, total).OrderBy(_ => random.Next()).Take(options.LinkedReports));
        for (var n = 0; n < total; n++)
        {
            var province = provinces[random.Next(provinces.Length)];
            var caseNo = $"A{province.Code}{(n + 1).ToString("D6", CultureInfo.InvariantCulture)}";
            var day = options.LastDay.AddDays(-random.Next(options.Days));
            var at = day.ToDateTime(new TimeOnly(random.Next(8, 21), random.Next(60))).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            (string Name, string Id) victim;
            if (victims.Count > 20 && random.Next(100) < 3) victim = victims[random.Next(victims.Count)];
            else
            {
                var sex = random.Next(2) == 0 ? 'M' : 'F';
                var (first, second) = ChineseNames.PickGivenChars(random, sex);
                victim = (ChineseNames.PickSurname(random).Han + first.Han + second?.Han, IdNumbers.MakeRic(random, province, new DateOnly(random.Next(1950, 2004), random.Next(1, 13), random.Next(1, 29)), sex));
                victims.Add(victim);
            }
            var type = random.Next(FraudTypes.Length);
            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            void Put(string column, string value) => cells[column] = cells.TryGetValue(column, out var v) ? v + ";" + value : value;
            string currency = "CNY";
            var narrative = Narratives[type];
            if (linkedAt.Contains(n) && random.Next(100) < options.NearPercent)
            {
                // The caller used a number no seized device owns; only the script ties the report to the den.
                var source = scripted[random.Next(scripted.Count)];
                Put("phone", Written(random, "phone", Unique(used, () => ChineseMobile(random))));
                narrative = FraudScripts.Retell(random, source.Script);
                truth[caseNo] = new CaseTruth.Report([source.Den], source.Holder is null ? [] : [source.Holder], Near: true);
            }
            else if (linkedAt.Contains(n))
            {
                var caller = callers[random.Next(callers.Count)];
                var named = new List<Owned> { caller };
                if (random.Next(100) < 70 && payees.TryGetValue(caller.Item.Den, out var denPayees))
                {
                    var sameItem = denPayees.Where(p => p.Item == caller.Item).ToList();
                    named.Add(sameItem.Count > 0 && random.Next(100) < 60 ? sameItem[random.Next(sameItem.Count)] : denPayees[random.Next(denPayees.Count)]);
                }
                foreach (var o in named) Put(o.Kind, Written(random, o.Kind, o.Value));
                if (named.Any(o => o.Kind is "tron" or "ethereum")) currency = "USDT";
                truth[caseNo] = new CaseTruth.Report(
                    [.. named.Select(o => o.Item.Den).Distinct().Order(StringComparer.Ordinal)],
                    [.. named.Select(o => o.Item.Holder).OfType<string>().Distinct().Order(StringComparer.Ordinal)]);
            }
            else
            {
                // Unrelated fraud: numbers and accounts no seized device owns; one report in twenty names a number a den's phone only knew.
                if (random.Next(100) < options.UnrelatedScriptPercent) narrative = FraudScripts.Retell(random, Unseized(random, seizedClauses));
                var number = random.Next(100) < 5 && knownOnly.Count > 0 ? knownOnly[random.Next(knownOnly.Count)] : Unique(used, () => ChineseMobile(random));
                Put("phone", Written(random, "phone", number));
                switch (random.Next(4))
                {
                    case 0: Put("bank_card", Written(random, "bank_card", Unique(used, () => Card(random)))); break;
                    case 1: Put("wechat", Unique(used, () => Handle(random, "wx_"))); break;
                    case 2:
                        Put("tron", Unique(used, () => Tron(random)));
                        currency = "USDT";
                        break;
                }
            }
            var amount = currency == "USDT" ? random.Next(100, 20_000) : (int)Math.Round(Math.Exp(random.NextDouble() * Math.Log(500)) * 1000);
            if (truth.TryGetValue(caseNo, out var linked))
            {
                foreach (var den in linked.Dens)
                {
                    if (!losses.TryGetValue(den, out var byCurrency)) losses[den] = byCurrency = new(StringComparer.Ordinal);
                    byCurrency[currency] = byCurrency.GetValueOrDefault(currency) + amount;
                }
            }
            var amountWritten = currency == "USDT" ? $"{amount} USDT" : random.Next(10) == 0 && amount % 10_000 == 0 ? $"{amount / 10_000}万元" : amount.ToString(CultureInfo.InvariantCulture);
            rows.Add((caseNo, [caseNo, Bureau(province.Code), province.Code, at, victim.Name, victim.Id, narrative,
                random.Next(100) < 60 ? FraudTypes[type] : null, amountWritten, currency == "USDT" ? null : "CNY",
                cells.GetValueOrDefault("phone"), cells.GetValueOrDefault("wechat"), cells.GetValueOrDefault("qq"), cells.GetValueOrDefault("telegram"),
                cells.GetValueOrDefault("whatsapp"), cells.GetValueOrDefault("bank_card"), cells.GetValueOrDefault("bank_account"), cells.GetValueOrDefault("tron"),
                cells.GetValueOrDefault("ethereum")]));
        }
        using (var csv = new CsvWriter(Path.Combine(outDir, "reports.csv"), "case_no", "bureau", "province", "reported_at", "victim_name", "victim_id", "narrative", "fraud_type",
                   "amount", "currency", "phone", "wechat", "qq", "telegram", "whatsapp", "bank_card", "bank_account", "tron", "ethereum"))
        {
            foreach (var (_, cells) in rows) csv.WriteRow(cells);
        }
        var result = new CaseTruth(truth,
            losses.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, decimal>)kv.Value, StringComparer.Ordinal),
            options.LinkedReports, options.UnrelatedReports, extractions.Count);
        File.WriteAllText(Path.Combine(outDir, "truth.json"), result.ToJson());
        return result;
    }

    private static string[] Clauses(string script) => script.TrimEnd('。').Split('，');

    /// <summary>A script of the same kind as the dens', with no clause any seized script has word for word.</summary>
    private static string Unseized(Random random, HashSet<string> seized)
    {
        while (true)
        {
            var script = FraudScripts.Script(random);
            if (!Clauses(script).Any(seized.Contains)) return script;
        }
    }

    /// <summary>The provincial bureau that takes the report, as it names itself.</summary>
    private static string Bureau(string province) => ChineseResidentId.ProvinceNameZh(province) + province switch
    {
        "11" or "12" or "31" or "50" => "市公安局",
        "15" or "45" or "54" or "64" or "65" => "自治区公安厅",
        _ => "省公安厅",
    };

    private static List<Item> ReadItems(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var items = new List<Item>();
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            string? Cell(string name) => csv.GetField(name) is { Length: > 0 } v ? v : null;
            items.Add(new Item(Cell("item_no")!, Cell("den")!, Cell("type")!, int.Parse(Cell("quantity")!, CultureInfo.InvariantCulture), Cell("holder_roster_no"), Cell("sha256")));
        }
        return items;
    }

    /// <summary>What a forensic tool would extract from the item, or null for items it does not read (documents, paper scripts).</summary>
    private static JsonObject? Extraction(Random random, Item item, HashSet<string> used, List<Owned> owned, string[] denScripts, List<Scripted> scripted)
    {
        var image = item.Sha256 ?? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("image " + item.ItemNo)));
        var json = new JsonObject
        {
            ["item_no"] = item.ItemNo,
            ["image_sha256"] = image,
            ["tool"] = "UFED 7.69",
            ["examiner"] = "Forensic Unit, Muse",
            ["extracted_at"] = "2024-03-28T10:00:00+06:30",
        };
        string Own(string kind, string value)
        {
            owned.Add(new Owned(kind, value, item));
            return value;
        }
        switch (item.Type)
        {
            case "phone":
                {
                    json["device"] = new JsonArray(new JsonObject { ["imei"] = Unique(used, () => Imei(random)), ["model"] = "Android phone" });
                    var mm = random.Next(100) < 20;
                    var number = Own("phone", Unique(used, () => mm ? MyanmarMobile(random) : ChineseMobile(random)));
                    json["sims"] = new JsonArray(new JsonObject { ["msisdn"] = number, ["imsi"] = Unique(used, () => (mm ? "41401" : "46001") + Digits(random, 10)) });
                    var accounts = new JsonArray();
                    if (random.Next(100) < 60) accounts.Add(new JsonObject { ["app"] = "wechat", ["account"] = Own("wechat", Unique(used, () => Handle(random, "wxid_"))) });
                    if (random.Next(100) < 30) accounts.Add(new JsonObject { ["app"] = "qq", ["account"] = Own("qq", Unique(used, () => (random.Next(1, 10)).ToString(CultureInfo.InvariantCulture) + Digits(random, 9))) });
                    if (random.Next(100) < 40) accounts.Add(new JsonObject { ["app"] = "telegram", ["account"] = Own("telegram", Unique(used, () => Handle(random, "tg_"))) });
                    if (random.Next(100) < 20) accounts.Add(new JsonObject { ["app"] = "whatsapp", ["account"] = Own("whatsapp", number) });
                    json["accounts"] = accounts;
                    var payments = new JsonArray();
                    if (random.Next(100) < 40) payments.Add(Payment(random, "bank_card", Own("bank_card", Unique(used, () => Card(random))), "CNY"));
                    if (random.Next(100) < 20) payments.Add(Payment(random, "tron", Own("tron", Unique(used, () => Tron(random))), "USDT"));
                    json["payments"] = payments;
                    if (item.Holder is not null && random.Next(7) == 0)
                    {
                        var own = FraudScripts.Script(random);
                        scripted.Add(new Scripted(item.Den, item.Holder, own));
                        json["scripts"] = new JsonArray(new JsonObject { ["title"] = "我的话术", ["text"] = own });
                    }
                    return json;
                }
            case "computer":
                {
                    var accounts = new JsonArray();
                    for (var i = 0; i < 2; i++) accounts.Add(new JsonObject { ["app"] = "telegram", ["account"] = Own("telegram", Unique(used, () => Handle(random, "group_"))) });
                    json["accounts"] = accounts;
                    var payments = new JsonArray();
                    for (var i = 0; i < random.Next(2, 5); i++) payments.Add(Payment(random, "tron", Own("tron", Unique(used, () => Tron(random))), "USDT"));
                    for (var i = 0; i < random.Next(1, 3); i++) payments.Add(Payment(random, "ethereum", Own("ethereum", Unique(used, () => Ethereum(random))), "USDT"));
                    for (var i = 0; i < random.Next(1, 4); i++) payments.Add(Payment(random, "bank_account", Own("bank_account", Unique(used, () => "62" + Digits(random, 14))), "CNY"));
                    json["payments"] = payments;
                    scripted.AddRange(denScripts.Select(s => new Scripted(item.Den, null, s)));
                    json["scripts"] = new JsonArray([.. denScripts.Select((s, i) => (JsonNode)new JsonObject { ["title"] = "话术" + (i + 1).ToString(CultureInfo.InvariantCulture), ["text"] = s })]);
                    return json;
                }
            case "sim_card":
                {
                    var sims = new JsonArray();
                    for (var i = 0; i < item.Quantity; i++)
                    {
                        var mm = random.Next(100) < 30;
                        sims.Add(new JsonObject { ["msisdn"] = Own("phone", Unique(used, () => mm ? MyanmarMobile(random) : ChineseMobile(random))), ["imsi"] = Unique(used, () => (mm ? "41406" : "46000") + Digits(random, 10)) });
                    }
                    json["sims"] = sims;
                    return json;
                }
            case "bank_card":
                {
                    var cards = new JsonArray();
                    for (var i = 0; i < item.Quantity; i++) cards.Add(new JsonObject { ["kind"] = "bank_card", ["account"] = Own("bank_card", Unique(used, () => Card(random))) });
                    json["payments"] = cards;
                    return json;
                }
            default:
                return null;
        }
    }

    private static JsonObject Payment(Random random, string kind, string account, string currency) => new()
    {
        ["kind"] = kind,
        ["account"] = account,
        ["direction"] = "in",
        ["amount"] = random.Next(500, 200_000).ToString(CultureInfo.InvariantCulture),
        ["currency"] = currency,
        ["at"] = new DateOnly(2024, 1, 1).AddDays(random.Next(80)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T12:00:00+08:00",
    };

    /// <summary>An identifier as a victim or a clerk writes it.</summary>
    private static string Written(Random random, string kind, string value)
    {
        switch (kind)
        {
            case "phone" or "whatsapp" when value.StartsWith("+86", StringComparison.Ordinal):
                {
                    var national = value[3..];
                    return random.Next(6) switch
                    {
                        0 => national,
                        1 => $"{national[..3]}-{national[3..7]}-{national[7..]}",
                        2 => $"+86 {national[..3]} {national[3..7]} {national[7..]}",
                        3 => "0086" + national,
                        4 => new string([.. national.Select(c => (char)('０' + (c - '0')))]),
                        _ => value,
                    };
                }
            case "phone" or "whatsapp":
                return random.Next(2) == 0 ? value : "0095 " + value[3..];
            case "bank_card":
                return random.Next(3) switch
                {
                    0 => string.Join(' ', value.Chunk(4).Select(c => new string(c))),
                    1 => string.Join('-', value.Chunk(4).Select(c => new string(c))),
                    _ => value,
                };
            case "ethereum":
                return random.Next(2) == 0 ? value.ToLowerInvariant() : value;
            case "wechat":
                return random.Next(3) == 0 ? value.ToUpperInvariant() : value;
            case "telegram":
                return random.Next(2) == 0 ? "@" + value : "https://t.me/" + value;
            default:
                return value;
        }
    }

    private static string Unique(HashSet<string> used, Func<string> make)
    {
        while (true)
        {
            var v = make();
            if (used.Add(v)) return v;
        }
    }

    private static string Digits(Random random, int n) => string.Concat(Enumerable.Range(0, n).Select(_ => (char)('0' + random.Next(10))));

    private static readonly string[] ChinesePrefixes = ["130", "131", "132", "135", "136", "137", "138", "139", "150", "151", "152", "157", "158", "159", "170", "171", "176", "177", "180", "181", "186", "187", "188", "189", "199"];

    private static string ChineseMobile(Random random) => "+86" + ChinesePrefixes[random.Next(ChinesePrefixes.Length)] + Digits(random, 8);

    private static readonly string[] MyanmarPrefixes = ["925", "926", "940", "942", "943", "944", "945", "975", "976", "977", "978", "979", "996", "997", "998", "999"];

    private static string MyanmarMobile(Random random) => "+95" + MyanmarPrefixes[random.Next(MyanmarPrefixes.Length)] + Digits(random, 7);

    private static string Card(Random random)
    {
        var payload = "62" + Digits(random, 16);
        return payload + CaseIdentifiers.LuhnDigit(payload).ToString(CultureInfo.InvariantCulture);
    }

    private static string Imei(Random random)
    {
        var payload = "86" + Digits(random, 12);
        return payload + CaseIdentifiers.LuhnDigit(payload).ToString(CultureInfo.InvariantCulture);
    }

    private static string Tron(Random random)
    {
        var account = new byte[20];
        random.NextBytes(account);
        return CaseIdentifiers.TronAddress(account);
    }

    private static string Ethereum(Random random)
    {
        var account = new byte[20];
        random.NextBytes(account);
        return CaseIdentifiers.EthereumChecksummed("0x" + Convert.ToHexStringLower(account));
    }

    private static string Handle(Random random, string prefix)
    {
        const string letters = "abcdefghijklmnopqrstuvwxyz0123456789";
        return prefix + string.Concat(Enumerable.Range(0, random.Next(6, 10)).Select(_ => letters[random.Next(letters.Length)]));
    }
}
