using System.Globalization;
using System.Text;

namespace Concord.Scenarios;

/// <summary>
/// The words of generated fraud scripts (话术本) and of victims retelling them: five kinds of script (refund, investment,
/// impersonated police, loan, lost parcel), each clause naming something the den made up (a platform, an app, a product,
/// an officer's name, a staff number), so that each den's script is its own; and narratives in which a victim quotes
/// two or three of its clauses in the first person, between words of their own.
/// </summary>
public static class FraudScripts
{
    private static readonly string[][] Templates =
    [
        [
            "我是{platform}的售后客服{staff}号", "您在{platform}购买的{product}检测出{defect}", "{platform}将为您办理{times}理赔共{n}元",
            "请您下载{app}开启屏幕共享会议号{staff}", "按照我的指引进入{bank}网银操作{platform}退款", "操作完成后{n}元会由{platform}原路退回",
        ],
        [
            "我是{platform}的首席分析师{name}老师", "今天{platform}的内部消息收益百分之{n}", "先在{app}里小额充值{m}元体验一下",
            "{name}老师在{app}带单稳赚不赔", "{platform}的名额只剩{m}个先到先得", "提现{m}秒到账{app}不收手续费",
        ],
        [
            "这里是{city}公安局刑侦支队{name}警官警号{staff}", "您名下的{bank}账户涉嫌{platform}洗钱案件", "{platform}洗钱案编号是{staff}请您记好",
            "请下载{app}接受{name}警官的视频笔录", "为了证明清白需要把资金转入{name}警官指定的安全账户", "审查结束后资金由{name}警官在{app}上退还",
        ],
        [
            "这里是{platform}贷款中心{staff}号专员", "您在{platform}的贷款已经审批通过额度{n}万", "因为您在{app}填写的{bank}卡号错误资金被冻结",
            "需要先向{platform}缴纳百分之{m}的解冻保证金", "请在{app}上完成人脸认证编号{staff}", "保证金到账后{platform}会在{m}分钟内放款",
        ],
        [
            "我是{courier}快递的理赔专员{name}", "您寄往{city}的{product}在{app}登记为丢失", "{name}专员按照{times}的价格给您赔偿",
            "请扫描二维码进入{platform}理赔页面", "在{platform}填写您的{bank}卡号和验证码领取赔款", "赔款由{platform}在{m}分钟内打到您的卡上",
        ],
    ];

    private static readonly string[] First = ["鑫", "汇", "金", "恒", "盛", "华", "银", "富", "泰", "瑞", "嘉", "宏", "博", "通", "达", "中", "亚", "德", "隆", "安", "荣", "景", "润", "兴"];
    private static readonly string[] Second = ["盛", "丰", "鼎", "信", "源", "元", "誉", "利", "汇", "邦", "昌", "海", "辰", "禾", "达", "悦", "峰", "川"];
    private static readonly string[] Kind = ["国际", "优选", "财富", "资本", "证券", "商城", "金服", "控股", "严选", "投资", "数科", "云仓"];
    private static readonly string[] Products = ["蓝牙耳机", "扫地机器人", "空气炸锅", "电动牙刷", "儿童手表", "羽绒服", "按摩椅", "投影仪", "护肤套装", "婴儿奶粉", "跑步机", "洗碗机", "电热毯", "智能门锁", "净水器", "行车记录仪", "平板电脑", "登山鞋"];
    private static readonly string[] Defects = ["电池质量问题", "甲醛超标", "批次召回问题", "材质不合格", "安全隐患", "电路板故障"];
    private static readonly string[] AppFirst = ["飞", "云", "易", "快", "星", "乐", "优", "畅", "速", "微", "蜜", "蓝"];
    private static readonly string[] AppSecond = ["语", "视", "聊", "信", "连", "会", "讯", "通", "达", "享", "友", "途", "汇", "点", "米", "豆"];
    private static readonly string[] AppKind = ["会议", "助手", "直播", "金融", "钱包", "办公", "课堂", "商城", "贷", "宝"];
    private static readonly string[] Banks = ["工商银行", "建设银行", "农业银行", "中国银行", "交通银行", "招商银行", "邮储银行", "民生银行"];
    private static readonly string[] Cities = ["上海", "广州", "深圳", "杭州", "成都", "武汉", "西安", "南京", "重庆", "天津", "长沙", "郑州"];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭"];
    private static readonly string[] Given = ["伟", "芳", "敏", "静", "强", "磊", "洋", "勇", "军", "杰", "涛", "明", "超", "霞", "平", "刚"];
    private static readonly string[] Couriers = ["顺丰", "圆通", "中通", "申通", "韵达", "极兔"];
    private static readonly string[] Times = ["双倍", "三倍", "全额加五成", "原价两倍"];

    private static readonly string[] Openings = ["{d}日接到一个陌生电话，", "{d}日在网上认识一个人，", "{d}日有人加我微信，", "{d}日收到一条短信后回电，", "前几天接到电话，"];
    private static readonly string[] Says = ["对方说", "他说", "对方称", "对方自称", "还说", "又说", ""];
    private static readonly string[] Closings = ["后来发现被骗了。", "我按他说的转了钱，对方随后失联。", "转账后再也联系不上对方。", "我才知道遇到了诈骗，马上报警。", "家人提醒后才发现上当。"];

    /// <summary>A den's script: four to six clauses of one kind, every name in it made up once for this script.</summary>
    public static string Script(Random random)
    {
        var clauses = Templates[random.Next(Templates.Length)];
        var fills = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["platform"] = First[random.Next(First.Length)] + Second[random.Next(Second.Length)] + Kind[random.Next(Kind.Length)],
            ["app"] = AppFirst[random.Next(AppFirst.Length)] + AppSecond[random.Next(AppSecond.Length)] + AppKind[random.Next(AppKind.Length)],
            ["product"] = Products[random.Next(Products.Length)],
            ["defect"] = Defects[random.Next(Defects.Length)],
            ["bank"] = Banks[random.Next(Banks.Length)],
            ["city"] = Cities[random.Next(Cities.Length)],
            ["name"] = Surnames[random.Next(Surnames.Length)] + Given[random.Next(Given.Length)] + Given[random.Next(Given.Length)],
            ["courier"] = Couriers[random.Next(Couriers.Length)],
            ["times"] = Times[random.Next(Times.Length)],
            ["staff"] = random.Next(1000, 10000).ToString(CultureInfo.InvariantCulture),
            ["n"] = random.Next(10, 1000).ToString(CultureInfo.InvariantCulture),
            ["m"] = random.Next(2, 100).ToString(CultureInfo.InvariantCulture),
        };
        var kept = clauses.Where(_ => random.Next(100) < 80).ToList();
        if (kept.Count < 4) kept = [.. clauses.Take(4)];
        var sb = new StringBuilder();
        foreach (var clause in kept)
        {
            if (sb.Length > 0) sb.Append('，');
            var text = clause;
            foreach (var (slot, value) in fills) text = text.Replace("{" + slot + "}", value, StringComparison.Ordinal);
            sb.Append(text);
        }
        return sb.Append('。').ToString();
    }

    /// <summary>
    /// A victim's narrative of a call that read out <paramref name="script"/>: two or three of its clauses, in the order
    /// said, the caller's 您 become the victim's 我, between the victim's own opening and closing words.
    /// </summary>
    public static string Retell(Random random, string script)
    {
        var clauses = script.TrimEnd('。').Split('，');
        var quoted = Math.Min(clauses.Length, random.Next(2, 4));
        var first = random.Next(clauses.Length - quoted + 1);
        var sb = new StringBuilder(Openings[random.Next(Openings.Length)].Replace("{d}", random.Next(1, 29).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        for (var i = first; i < first + quoted; i++)
            sb.Append(Says[random.Next(Says.Length)]).Append(clauses[i].Replace("您", "我", StringComparison.Ordinal)).Append('，');
        return sb.Append(Closings[random.Next(Closings.Length)]).ToString();
    }

    /// <summary>A narrative of a call reading out a script no den here used: the same kind of words, other names.</summary>
    public static string Unrelated(Random random) => Retell(random, Script(random));
}
