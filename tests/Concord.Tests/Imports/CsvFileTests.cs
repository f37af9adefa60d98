using System.Security.Cryptography;
using System.Text;
using Concord.Core;
using Concord.Core.Features.Imports;
using Concord.Core.Features.Wanted;
using Concord.Tests.Infrastructure;

namespace Concord.Tests.Imports;

/// <summary>A long file is checked and read a chunk at a time; what a chunk's edge cuts must read as if the file were read whole.</summary>
public sealed class CsvFileTests
{
    static CsvFileTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const int Chunk = 1 << 20;
    private const string Header = "wanted_id,name,name_latin,aliases,sex,birth_date,nationality,id_type,id_number,agency,offence,listed_on";

    /// <summary>Rows of Chinese names, the first padded so that a three-byte character stands across the first chunk's edge.</summary>
    private static byte[] LongList(int rows)
    {
        for (var pad = 0; pad < 90; pad++)
        {
            var lines = new List<string> { Header };
            for (var i = 1; i <= rows; i++)
                lines.Add($"W{i:D6},张伟伟伟伟伟伟伟伟伟{(i == 1 ? new string('x', pad) : "")},ZHANG WEI,,M,1990,CHN,,,,诈骗,2023");
            var bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
            // A continuation byte at the edge: the character began in the first chunk and ends in the second.
            if ((bytes[Chunk] & 0xC0) == 0x80) return bytes;
        }
        throw new InvalidOperationException("no padding puts a character across the chunk's edge");
    }

    [Fact]
    public void CharacterAcrossAChunksEdge_ReadsAsWritten_AndTheHashIsTheWholeFiles()
    {
        var bytes = LongList(30_000);
        var path = Scenario.WriteTemp("wanted.csv", bytes);

        var file = CsvFile.Open(path, ImportWantedList.FileColumns);
        var rows = file.Rows().ToList();

        Assert.Empty(file.Problems);
        Assert.Equal(30_000, rows.Count);
        Assert.All(rows, r => Assert.StartsWith("张伟伟伟伟伟伟伟伟伟", r["name"], StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Equal("诈骗", r["offence"]));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), file.Sha256);
        Assert.Equal(30_001, rows[^1].Row);
    }

    [Fact]
    public void InvalidByteFarIntoTheFile_IsRefusedNamingItsRow()
    {
        var bytes = LongList(40_000);
        var text = Encoding.UTF8.GetString(bytes);
        var at = Encoding.UTF8.GetByteCount(text[..text.IndexOf("W035000,", StringComparison.Ordinal)]) + 10;
        Assert.True(at > 2 * Chunk);
        bytes[at] = 0xFF;

        var e = Assert.Throws<ConcordException>(() => CsvFile.Open(Scenario.WriteTemp("wanted.csv", bytes), ImportWantedList.FileColumns));
        var problem = Assert.Single(Assert.IsType<InvalidInputError>(e.Error).Problems);
        Assert.Equal((35_001, ProblemTexts.NotUtf8), (problem.Row, problem.Phrase!.Template));
        Assert.Equal("35001", problem.Phrase.Args[0]);
    }

    [Fact]
    public void LongGb18030File_IsDecoded_ReadsAsTheUtf8One_AndIsHashedAsItCame()
    {
        var utf8 = LongList(30_000);
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(Encoding.UTF8.GetString(utf8));
        Assert.True(bytes.Length > Chunk);

        var file = CsvFile.Open(Scenario.WriteTemp("wanted.csv", bytes), ImportWantedList.FileColumns);
        var expected = CsvFile.Open(Scenario.WriteTemp("wanted.csv", utf8), ImportWantedList.FileColumns).Rows().Select(r => r["name"]).ToList();
        Assert.Equal("GB18030", file.ReadAs);
        Assert.Equal(expected, file.Rows().Select(r => r["name"]).ToList());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), file.Sha256);
    }

    [Fact]
    public void Gb18030File_WithAQuoteLeftOpen_IsStillRefusedWithItsRow()
    {
        var text = Header + "\nW1,张伟,ZHANG WEI,,M,1990,CHN,,,,诈骗,2023\nW2,\"李娜,LI NA,,F,1991,CHN,,,,诈骗,2023\n";
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(text);
        var e = Assert.Throws<ConcordException>(() => CsvFile.Open(Scenario.WriteTemp("wanted.csv", bytes), ImportWantedList.FileColumns));
        var problem = Assert.Single(Assert.IsType<InvalidInputError>(e.Error).Problems);
        Assert.Equal(3, problem.Row);
    }
}
