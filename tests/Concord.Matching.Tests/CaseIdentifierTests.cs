using System.Globalization;
using System.Text;
using FsCheck.Xunit;

namespace Concord.Matching.Tests;

/// <summary>The identifiers of victims' reports and seized devices: each kind normalised to one key, and a slip refused.</summary>
public sealed class CaseIdentifierTests
{
    private const string Base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    [Theory]
    [InlineData("138 0013 8000", "CN", "+8613800138000", true)]
    [InlineData("138-0013-8000", "CN", "+8613800138000", true)]
    [InlineData("+86 138 0013 8000", "MM", "+8613800138000", false)]
    [InlineData("0086 13800138000", "CN", "+8613800138000", false)]
    [InlineData("１３８００１３８０００", "CN", "+8613800138000", true)]
    [InlineData("010-6552 9988", "CN", "+861065529988", true)]
    [InlineData("+86 (10) 6552 9988", "CN", "+861065529988", false)]
    [InlineData("09 327 728 564", "MM", "+959327728564", true)]
    [InlineData("09-327728564", "MM", "+959327728564", true)]
    [InlineData("၀၉၃၂၇၇၂၈၅၆၄", "MM", "+959327728564", true)]
    [InlineData("+၉၅ ၉ ၃၂၇ ၇၂၈ ၅၆၄", "CN", "+959327728564", false)]
    [InlineData("0095 9 327 728 564", "CN", "+959327728564", false)]
    public void Chinese_and_Myanmar_numbers_reach_e164(string written, string region, string e164, bool regionAssumed)
    {
        var r = CaseIdentifiers.Read(IdentifierKind.Phone, written, region);
        Assert.Equal(e164, r.Value);
        Assert.Equal(regionAssumed, r.Flags.HasFlag(IdentifierFlags.RegionAssumed));
        Assert.Equal(e164, CaseIdentifiers.Read(IdentifierKind.WhatsApp, written, region).Value);
    }

    [Theory]
    [InlineData("12")]
    [InlineData("138 0013 8000 1234 5678")]
    [InlineData("not a number")]
    public void What_is_no_number_is_refused(string written) =>
        Assert.Equal(IdentifierProblem.NotAPhoneNumber, CaseIdentifiers.Read(IdentifierKind.Phone, written, "CN").Problem);

    [Fact]
    public void A_number_outside_known_ranges_is_kept_and_flagged()
    {
        var r = CaseIdentifiers.Read(IdentifierKind.Phone, "+86 100 0000 0000");
        Assert.True(r.Ok);
        Assert.True(r.Flags.HasFlag(IdentifierFlags.UnknownRange));
    }

    [Theory]
    [InlineData("6222 0212 3456 7890 128", "6222021234567890128")]
    [InlineData("4111-1111-1111-1111", "4111111111111111")]
    [InlineData("４１１１１１１１１１１１１１１１", "4111111111111111")]
    public void Cards_are_read_with_their_luhn_digit(string written, string value)
    {
        var r = CaseIdentifiers.Read(IdentifierKind.BankCard, written);
        Assert.Equal(value, r.Value);
    }

    [Theory]
    [InlineData("4111 1111 1111 1112", IdentifierProblem.CardCheckDigit)]
    [InlineData("4111 1111", IdentifierProblem.CardLength)]
    [InlineData("4111 1111 1111 111x", IdentifierProblem.CardLength)]
    public void Cards_that_fail_are_refused(string written, IdentifierProblem problem) =>
        Assert.Equal(problem, CaseIdentifiers.Read(IdentifierKind.BankCard, written).Problem);

    [Property(MaxTest = 500)]
    public bool A_one_digit_slip_in_a_card_is_caught(int seed)
    {
        var rng = new Random(seed);
        var payload = string.Concat(Enumerable.Range(0, rng.Next(15, 19)).Select(i => i == 0 ? (char)('3' + rng.Next(4)) : (char)('0' + rng.Next(10))));
        var card = payload + CaseIdentifiers.LuhnDigit(payload).ToString(CultureInfo.InvariantCulture);
        var slipped = Slip(card, rng, "0123456789");
        return CaseIdentifiers.Read(IdentifierKind.BankCard, card).Value == card
            && CaseIdentifiers.Read(IdentifierKind.BankCard, slipped).Problem == IdentifierProblem.CardCheckDigit;
    }

    [Property(MaxTest = 300)]
    public bool Writings_of_one_card_are_one_key(int seed)
    {
        var rng = new Random(seed);
        var payload = string.Concat(Enumerable.Range(0, 18).Select(i => i == 0 ? '6' : (char)('0' + rng.Next(10))));
        var card = payload + CaseIdentifiers.LuhnDigit(payload).ToString(CultureInfo.InvariantCulture);
        return Writings(card, rng).All(w => CaseIdentifiers.Read(IdentifierKind.BankCard, w).Value == card);
    }

    [Fact]
    public void Tron_addresses_are_checked_by_base58check()
    {
        // The USDT (TRC-20) contract's address.
        Assert.Equal("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", CaseIdentifiers.Read(IdentifierKind.Tron, " TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t ").Value);
        Assert.Equal(IdentifierProblem.TronChecksum, CaseIdentifiers.Read(IdentifierKind.Tron, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6T").Problem);
        Assert.Equal(IdentifierProblem.TronShape, CaseIdentifiers.Read(IdentifierKind.Tron, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj60").Problem);
        Assert.Equal(IdentifierProblem.TronShape, CaseIdentifiers.Read(IdentifierKind.Tron, "1BoatSLRHtKNngkdXEeobR76b53LETtpyT").Problem);
    }

    [Property(MaxTest = 500)]
    public bool A_one_character_slip_in_a_tron_address_is_caught(int seed)
    {
        var rng = new Random(seed);
        var account = new byte[20];
        rng.NextBytes(account);
        var address = CaseIdentifiers.TronAddress(account);
        var slipped = Slip(address, rng, Base58Alphabet, from: 1);
        return address[0] == 'T'
            && CaseIdentifiers.Read(IdentifierKind.Tron, address).Value == address
            && !CaseIdentifiers.Read(IdentifierKind.Tron, slipped).Ok;
    }

    [Fact]
    public void Ethereum_addresses_are_checked_by_eip55()
    {
        const string address = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
        Assert.Equal(address, CaseIdentifiers.Read(IdentifierKind.Ethereum, address).Value);
        var lower = CaseIdentifiers.Read(IdentifierKind.Ethereum, address.ToLowerInvariant());
        Assert.Equal(address, lower.Value);
        Assert.True(lower.Flags.HasFlag(IdentifierFlags.NoChecksum));
        Assert.Equal(address, CaseIdentifiers.Read(IdentifierKind.Ethereum, "0X" + address[2..].ToUpperInvariant()).Value);
        Assert.Equal(IdentifierProblem.EthereumChecksum, CaseIdentifiers.Read(IdentifierKind.Ethereum, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD").Problem);
        Assert.Equal(IdentifierProblem.EthereumShape, CaseIdentifiers.Read(IdentifierKind.Ethereum, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe").Problem);
    }

    [Property(MaxTest = 500)]
    public bool A_case_slip_in_a_checksummed_ethereum_address_is_caught(int seed)
    {
        var rng = new Random(seed);
        var address = RandomEthereum(rng);
        var letters = Enumerable.Range(2, 40).Where(i => char.IsAsciiLetter(address[i])).ToList();
        if (letters.Count < 2) return true;
        var chars = address.ToCharArray();
        var at = letters[rng.Next(letters.Count)];
        chars[at] = char.IsAsciiLetterUpper(chars[at]) ? char.ToLowerInvariant(chars[at]) : char.ToUpperInvariant(chars[at]);
        return CaseIdentifiers.Read(IdentifierKind.Ethereum, address).Value == address
            && CaseIdentifiers.Read(IdentifierKind.Ethereum, new string(chars)).Problem == IdentifierProblem.EthereumChecksum;
    }

    /// <summary>
    /// A slip that changes a hex digit's value passes EIP-55 only if every letter's case happens to fit the new hash (one
    /// chance in 2^letters); over a fixed set of 5,000 addresses with at least one letter in either case, none does.
    /// </summary>
    [Fact]
    public void A_one_character_slip_in_a_checksummed_ethereum_address_is_caught()
    {
        var rng = new Random(2026);
        var tried = 0;
        while (tried < 5000)
        {
            var address = RandomEthereum(rng);
            var slipped = Slip(address, rng, "0123456789abcdef", from: 2);
            var hex = slipped[2..];
            if (!hex.Any(char.IsAsciiLetterUpper) || !hex.Any(char.IsAsciiLetterLower)) continue;
            tried++;
            Assert.Equal(IdentifierProblem.EthereumChecksum, CaseIdentifiers.Read(IdentifierKind.Ethereum, slipped).Problem);
        }
    }

    [Theory]
    [InlineData(IdentifierKind.WeChat, "  WXID_Abc123 ", "wxid_abc123")]
    [InlineData(IdentifierKind.WeChat, "lucky-888", "lucky-888")]
    [InlineData(IdentifierKind.Telegram, "@Muse_Support", "muse_support")]
    [InlineData(IdentifierKind.Telegram, "https://t.me/Muse_Support", "muse_support")]
    [InlineData(IdentifierKind.Line, "kk.park-77", "kk.park-77")]
    [InlineData(IdentifierKind.QQ, "2 845 113 907", "2845113907")]
    [InlineData(IdentifierKind.BankAccount, "mm-0023 4456 7788", "MM002344567788")]
    [InlineData(IdentifierKind.Url, "HTTPS://Pay-USDT.Example.COM/login/", "https://pay-usdt.example.com/login")]
    [InlineData(IdentifierKind.Url, "例子.中国/pay?id=7", "http://xn--fsqu00a.xn--fiqs8s/pay?id=7")]
    [InlineData(IdentifierKind.Imei, "49-015420-323751-8", "490154203237518")]
    [InlineData(IdentifierKind.Imsi, "414 01 2345678901", "414012345678901")]
    public void Accounts_and_devices_are_normalised(IdentifierKind kind, string written, string value)
    {
        var r = CaseIdentifiers.Read(kind, written);
        Assert.Equal(value, r.Value);
        Assert.Equal(value, CaseIdentifiers.Read(kind, value).Value);
    }

    [Theory]
    [InlineData(IdentifierKind.WeChat, "12345", IdentifierProblem.AccountName)]
    [InlineData(IdentifierKind.WeChat, "微信号", IdentifierProblem.AccountName)]
    [InlineData(IdentifierKind.Telegram, "@ab", IdentifierProblem.AccountName)]
    [InlineData(IdentifierKind.QQ, "0123456", IdentifierProblem.QQNumber)]
    [InlineData(IdentifierKind.Url, "ftp://example.com", IdentifierProblem.NotAUrl)]
    [InlineData(IdentifierKind.Url, "localhost", IdentifierProblem.NotAUrl)]
    [InlineData(IdentifierKind.Imei, "490154203237517", IdentifierProblem.ImeiCheckDigit)]
    [InlineData(IdentifierKind.Imei, "4901542032", IdentifierProblem.ImeiLength)]
    [InlineData(IdentifierKind.Imsi, "46001", IdentifierProblem.ImsiShape)]
    [InlineData(IdentifierKind.BankAccount, "账户", IdentifierProblem.AccountShape)]
    [InlineData(IdentifierKind.Phone, "   ", IdentifierProblem.Empty)]
    public void Malformed_accounts_and_devices_are_refused(IdentifierKind kind, string written, IdentifierProblem problem) =>
        Assert.Equal(problem, CaseIdentifiers.Read(kind, written).Problem);

    [Fact]
    public void Guesses_are_flagged()
    {
        var imei = CaseIdentifiers.Read(IdentifierKind.Imei, "49015420323751");
        Assert.Equal("490154203237518", imei.Value);
        Assert.True(imei.Flags.HasFlag(IdentifierFlags.CheckDigitAdded));
        Assert.True(CaseIdentifiers.Read(IdentifierKind.Imsi, "310150123456789").Flags.HasFlag(IdentifierFlags.ForeignImsi));
        Assert.False(CaseIdentifiers.Read(IdentifierKind.Imsi, "460001234567890").Flags.HasFlag(IdentifierFlags.ForeignImsi));
        Assert.True(CaseIdentifiers.Read(IdentifierKind.Url, "example.com").Flags.HasFlag(IdentifierFlags.SchemeAssumed));
    }

    [Property(MaxTest = 300)]
    public bool A_one_digit_slip_in_an_imei_is_caught(int seed)
    {
        var rng = new Random(seed);
        var payload = string.Concat(Enumerable.Range(0, 14).Select(_ => (char)('0' + rng.Next(10))));
        var imei = payload + CaseIdentifiers.LuhnDigit(payload).ToString(CultureInfo.InvariantCulture);
        return CaseIdentifiers.Read(IdentifierKind.Imei, imei).Value == imei
            && CaseIdentifiers.Read(IdentifierKind.Imei, Slip(imei, rng, "0123456789")).Problem == IdentifierProblem.ImeiCheckDigit;
    }

    [Property(MaxTest = 300)]
    public bool Normalised_values_read_back_as_themselves(int seed)
    {
        var rng = new Random(seed);
        var mobile = "1" + (char)('3' + rng.Next(7)) + string.Concat(Enumerable.Range(0, 9).Select(_ => (char)('0' + rng.Next(10))));
        var e164 = CaseIdentifiers.Read(IdentifierKind.Phone, mobile, "CN").Value;
        var account = new byte[20];
        rng.NextBytes(account);
        var values = new (IdentifierKind Kind, string? Value)[]
        {
            (IdentifierKind.Phone, e164),
            (IdentifierKind.Tron, CaseIdentifiers.TronAddress(account)),
            (IdentifierKind.Ethereum, RandomEthereum(rng)),
        };
        return e164 is not null && e164 == CaseIdentifiers.Read(IdentifierKind.Phone, "+86 " + mobile, "MM").Value
            && values.All(v => CaseIdentifiers.Read(v.Kind, v.Value, "MM").Value == v.Value);
    }

    [Theory]
    [InlineData("电话", IdentifierKind.Phone)]
    [InlineData("bank_card", IdentifierKind.BankCard)]
    [InlineData("微信", IdentifierKind.WeChat)]
    [InlineData("TRC20", IdentifierKind.Tron)]
    [InlineData("ERC20", IdentifierKind.Ethereum)]
    public void Kinds_are_read_as_clerks_write_them(string written, IdentifierKind kind)
    {
        Assert.True(CaseIdentifiers.TryParseKind(written, out var k));
        Assert.Equal(kind, k);
        Assert.True(CaseIdentifiers.TryParseKind(CaseIdentifiers.KindName(kind), out var back));
        Assert.Equal(kind, back);
        Assert.False(CaseIdentifiers.TryParseKind("fax", out _));
    }

    private static string RandomEthereum(Random rng)
    {
        var bytes = new byte[20];
        rng.NextBytes(bytes);
        return CaseIdentifiers.EthereumChecksummed("0x" + Convert.ToHexStringLower(bytes));
    }

    /// <summary>The text with one character, at or after <paramref name="from"/>, replaced by another of <paramref name="alphabet"/>.</summary>
    private static string Slip(string text, Random rng, string alphabet, int from = 0)
    {
        var chars = text.ToCharArray();
        var at = rng.Next(from, chars.Length);
        char c;
        do
        {
            c = alphabet[rng.Next(alphabet.Length)];
        }
        while (char.ToLowerInvariant(c) == char.ToLowerInvariant(chars[at]));
        chars[at] = char.IsAsciiLetterUpper(chars[at]) ? char.ToUpperInvariant(c) : c;
        return new string(chars);
    }

    /// <summary>The ways a clerk writes a card: grouped by four, with dashes, in full-width or Myanmar digits.</summary>
    private static IEnumerable<string> Writings(string digits, Random rng)
    {
        yield return string.Join(' ', digits.Chunk(4).Select(c => new string(c)));
        yield return string.Join('-', digits.Chunk(4).Select(c => new string(c)));
        yield return new string(digits.Select(c => (char)('０' + (c - '0'))).ToArray());
        yield return new string(digits.Select(c => (char)('၀' + (c - '0'))).ToArray());
        var sb = new StringBuilder();
        foreach (var c in digits)
        {
            sb.Append(c);
            if (rng.Next(5) == 0) sb.Append(' ');
        }
        yield return " " + sb + " ";
    }
}
