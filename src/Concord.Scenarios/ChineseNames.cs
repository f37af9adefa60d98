namespace Concord.Scenarios;

/// <summary>Tables of Chinese surnames and given-name characters with their readings as names.</summary>
internal static class ChineseNames
{
    internal sealed record Surname(string Han, string Pinyin, int Weight, string[] Older);

    internal sealed record GivenChar(string Han, string Pinyin, char Lean);

    // Weights roughly follow the national frequency ranking, so that namesakes occur as often as they do in real lists.
    // The older/Cantonese forms are the ones clerks copy from Hong Kong, Macau and Taiwan style documents.
    internal static readonly Surname[] Surnames =
    [
        new("王", "Wang", 72, ["Wong"]), new("李", "Li", 71, ["Lee", "Lei"]), new("张", "Zhang", 68, ["Chang", "Cheung"]),
        new("刘", "Liu", 52, ["Lau", "Lew"]), new("陈", "Chen", 48, ["Chan", "Chin"]), new("杨", "Yang", 33, ["Yeung"]),
        new("黄", "Huang", 25, ["Wong", "Hwang"]), new("赵", "Zhao", 22, ["Chao", "Chiu"]), new("吴", "Wu", 21, ["Ng", "Woo"]),
        new("周", "Zhou", 21, ["Chow", "Chou"]), new("徐", "Xu", 15, ["Hsu", "Tsui"]), new("孙", "Sun", 15, ["Suen"]),
        new("马", "Ma", 14, ["Mah"]), new("朱", "Zhu", 14, ["Chu", "Chue"]), new("胡", "Hu", 13, ["Woo"]),
        new("郭", "Guo", 12, ["Kwok", "Kuo"]), new("何", "He", 12, ["Ho"]), new("林", "Lin", 11, ["Lam"]),
        new("高", "Gao", 11, ["Kao", "Ko"]), new("罗", "Luo", 10, ["Law", "Lo"]), new("郑", "Zheng", 10, ["Cheng"]),
        new("梁", "Liang", 9, ["Leung"]), new("谢", "Xie", 8, ["Tse", "Hsieh"]), new("宋", "Song", 7, ["Sung"]),
        new("唐", "Tang", 7, ["Tong"]), new("许", "Xu", 7, ["Hui", "Hsu"]), new("邓", "Deng", 7, ["Tang", "Teng"]),
        new("冯", "Feng", 6, ["Fung"]), new("韩", "Han", 6, ["Hon"]), new("曹", "Cao", 6, ["Tso", "Tsao"]),
        new("曾", "Zeng", 5, ["Tsang", "Tseng"]), new("彭", "Peng", 5, ["Pang"]), new("萧", "Xiao", 5, ["Siu", "Hsiao"]),
        new("蔡", "Cai", 5, ["Choi", "Tsai"]), new("潘", "Pan", 5, ["Poon"]), new("田", "Tian", 5, ["Tin"]),
        new("董", "Dong", 5, ["Tung"]), new("袁", "Yuan", 5, ["Yuen"]), new("于", "Yu", 4, ["Yee"]),
        new("余", "Yu", 4, ["Yue", "Yee"]), new("叶", "Ye", 4, ["Yip", "Yeh"]), new("蒋", "Jiang", 4, ["Cheung", "Chiang"]),
        new("杜", "Du", 4, ["To", "Tu"]), new("苏", "Su", 4, ["So"]), new("魏", "Wei", 4, ["Ngai"]),
        new("程", "Cheng", 4, ["Ching"]), new("吕", "Lyu", 4, ["Lui", "Lu"]), new("丁", "Ding", 3, ["Ting"]),
        new("沈", "Shen", 3, ["Shum"]), new("任", "Ren", 3, ["Yam", "Jen"]), new("姚", "Yao", 3, ["Yiu"]),
        new("卢", "Lu", 3, ["Lo", "Lou"]), new("傅", "Fu", 3, ["Foo"]), new("钟", "Zhong", 3, ["Chung"]),
        new("姜", "Jiang", 3, ["Keung", "Chiang"]), new("崔", "Cui", 3, ["Tsui"]), new("谭", "Tan", 3, ["Tam"]),
        new("廖", "Liao", 3, ["Liu"]), new("范", "Fan", 3, ["Faan"]), new("汪", "Wang", 3, ["Wong"]),
        new("陆", "Lu", 3, ["Luk"]), new("金", "Jin", 3, ["Kam", "Chin"]), new("石", "Shi", 3, ["Shek"]),
        new("戴", "Dai", 2, ["Tai"]), new("贾", "Jia", 2, ["Ka", "Chia"]), new("韦", "Wei", 2, ["Wai"]),
        new("夏", "Xia", 2, ["Ha", "Hsia"]), new("邱", "Qiu", 2, ["Yau", "Chiu"]), new("方", "Fang", 2, ["Fong"]),
        new("侯", "Hou", 2, ["Hau"]), new("邹", "Zou", 2, ["Chau", "Tsou"]), new("熊", "Xiong", 2, ["Hung"]),
        new("孟", "Meng", 2, ["Mang"]), new("秦", "Qin", 2, ["Chun", "Chin"]), new("白", "Bai", 2, ["Pak"]),
        new("江", "Jiang", 2, ["Kong"]), new("阎", "Yan", 2, ["Yim"]), new("薛", "Xue", 2, ["Sit", "Hsueh"]),
        new("尹", "Yin", 2, ["Wan"]), new("段", "Duan", 2, ["Tuen"]), new("雷", "Lei", 2, ["Lui"]),
        new("黎", "Li", 2, ["Lai"]), new("史", "Shi", 2, ["Sze"]), new("龙", "Long", 2, ["Lung"]),
        new("陶", "Tao", 2, ["To"]), new("贺", "He", 2, ["Ho"]), new("顾", "Gu", 2, ["Koo"]),
        new("毛", "Mao", 2, ["Mo"]), new("郝", "Hao", 2, ["Kok"]), new("龚", "Gong", 2, ["Kung"]),
        new("邵", "Shao", 2, ["Shiu"]), new("万", "Wan", 2, ["Man"]), new("覃", "Qin", 2, ["Tam"]),
        new("武", "Wu", 2, ["Mo"]), new("钱", "Qian", 2, ["Chin"]), new("严", "Yan", 2, ["Yim"]),
        new("莫", "Mo", 2, ["Mok"]), new("孔", "Kong", 2, ["Hung"]),
        // Surnames whose name reading differs from the character's everyday reading; transliterators get these wrong.
        new("单", "Shan", 1, ["Sin"]), new("区", "Ou", 1, ["Au"]), new("仇", "Qiu", 1, ["Kau"]),
        new("解", "Xie", 1, ["Hai"]), new("查", "Zha", 1, ["Cha"]), new("朴", "Piao", 1, ["Pok"]),
        new("盖", "Ge", 1, ["Koi"]), new("乐", "Yue", 1, ["Lok"]),
    ];

    // Given-name characters, none starting with a vowel so that joined pinyin needs no apostrophe.
    // Lean: M (mostly male names), F (mostly female names), U (either).
    internal static readonly GivenChar[] Given =
    [
        new("伟", "wei", 'M'), new("强", "qiang", 'M'), new("磊", "lei", 'M'), new("军", "jun", 'M'),
        new("勇", "yong", 'M'), new("杰", "jie", 'M'), new("涛", "tao", 'M'), new("斌", "bin", 'M'),
        new("超", "chao", 'M'), new("明", "ming", 'U'), new("刚", "gang", 'M'), new("平", "ping", 'U'),
        new("辉", "hui", 'M'), new("鹏", "peng", 'M'), new("华", "hua", 'U'), new("飞", "fei", 'M'),
        new("鑫", "xin", 'M'), new("波", "bo", 'M'), new("宇", "yu", 'M'), new("浩", "hao", 'M'),
        new("凯", "kai", 'M'), new("健", "jian", 'M'), new("俊", "jun", 'M'), new("帆", "fan", 'U'),
        new("帅", "shuai", 'M'), new("旭", "xu", 'M'), new("宁", "ning", 'U'), new("龙", "long", 'M'),
        new("林", "lin", 'U'), new("成", "cheng", 'M'), new("建", "jian", 'M'), new("国", "guo", 'M'),
        new("志", "zhi", 'M'), new("海", "hai", 'M'), new("东", "dong", 'M'), new("文", "wen", 'U'),
        new("晓", "xiao", 'U'), new("小", "xiao", 'U'), new("子", "zi", 'U'), new("泽", "ze", 'M'),
        new("振", "zhen", 'M'), new("博", "bo", 'M'), new("瑞", "rui", 'U'), new("峰", "feng", 'M'),
        new("金", "jin", 'U'), new("良", "liang", 'M'), new("永", "yong", 'M'), new("德", "de", 'M'),
        new("天", "tian", 'M'), new("新", "xin", 'U'), new("嘉", "jia", 'U'), new("家", "jia", 'U'),
        new("佳", "jia", 'U'), new("鸿", "hong", 'M'), new("豪", "hao", 'M'),
        new("福", "fu", 'M'), new("贵", "gui", 'M'), new("财", "cai", 'M'), new("生", "sheng", 'M'),
        new("春", "chun", 'U'), new("秋", "qiu", 'U'), new("山", "shan", 'M'), new("松", "song", 'M'),
        new("荣", "rong", 'U'), new("祥", "xiang", 'M'), new("远", "yuan", 'M'), new("毅", "yi", 'M'),
        new("立", "li", 'M'), new("思", "si", 'U'), new("雨", "yu", 'U'), new("阳", "yang", 'U'),
        new("芳", "fang", 'F'), new("娜", "na", 'F'), new("敏", "min", 'F'), new("静", "jing", 'F'),
        new("丽", "li", 'F'), new("艳", "yan", 'F'), new("娟", "juan", 'F'), new("霞", "xia", 'F'),
        new("玲", "ling", 'F'), new("婷", "ting", 'F'), new("雪", "xue", 'F'), new("慧", "hui", 'F'),
        new("颖", "ying", 'F'), new("倩", "qian", 'F'), new("洁", "jie", 'F'), new("琳", "lin", 'F'),
        new("萍", "ping", 'F'), new("红", "hong", 'F'), new("梅", "mei", 'F'), new("莉", "li", 'F'),
        new("燕", "yan", 'F'), new("兰", "lan", 'F'), new("秀", "xiu", 'F'), new("桂", "gui", 'F'),
        new("凤", "feng", 'F'), new("琴", "qin", 'F'), new("月", "yue", 'F'), new("欣", "xin", 'F'),
        new("怡", "yi", 'F'), new("悦", "yue", 'F'), new("璐", "lu", 'F'), new("蕾", "lei", 'F'),
        new("晶", "jing", 'F'), new("薇", "wei", 'F'), new("妍", "yan", 'F'), new("涵", "han", 'U'),
        new("梓", "zi", 'U'), new("诗", "shi", 'F'), new("雯", "wen", 'F'), new("露", "lu", 'F'),
        new("桐", "tong", 'U'), new("舒", "shu", 'F'), new("琪", "qi", 'F'), new("楠", "nan", 'U'),
    ];

    private static readonly int TotalSurnameWeight = Surnames.Sum(s => s.Weight);
    private static readonly GivenChar[] MaleGiven = Given.Where(g => g.Lean != 'F').ToArray();
    private static readonly GivenChar[] FemaleGiven = Given.Where(g => g.Lean != 'M').ToArray();

    internal static Surname PickSurname(Random random)
    {
        var roll = random.Next(TotalSurnameWeight);
        foreach (var surname in Surnames)
        {
            roll -= surname.Weight;
            if (roll < 0)
            {
                return surname;
            }
        }

        return Surnames[^1];
    }

    internal static (GivenChar First, GivenChar? Second) PickGivenChars(Random random, char sex)
    {
        var pool = sex == 'F' ? FemaleGiven : MaleGiven;
        var first = pool[random.Next(pool.Length)];
        return random.Next(100) < 28 ? (first, null) : (first, pool[random.Next(pool.Length)]);
    }
}
