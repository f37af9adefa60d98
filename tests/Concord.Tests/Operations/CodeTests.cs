using Concord.Core;
using Concord.Core.Features.Agreements;
using Concord.Core.Features.Leads;
using Concord.Core.Features.Operations;
using Concord.Tests.Imports;
using Concord.Tests.Infrastructure;

namespace Concord.Tests.Operations;

/// <summary>Operation, lead and agreement codes keep one rule (<see cref="Codes"/>): a formula or a '/' is refused, naming the field, and nothing is created.</summary>
public sealed class CodeTests
{
    [Theory]
    [InlineData("DEMO-OP")]
    [InlineData("MUSE-2024-03")]
    [InlineData("CN-LEAD-2024-017")]
    [InlineData("CN-MM-TF-2023")]
    [InlineData("lead_7.v2")]
    [InlineData("0")]
    public void Codes_OfTheSamplesAndTests_Pass(string code) => Assert.True(Codes.IsValid(code));

    [Theory]
    [InlineData("")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")")]
    [InlineData("OP/2024")]
    [InlineData("-OP")]
    [InlineData(".OP")]
    [InlineData("OP 1")]
    [InlineData("OP\n")]
    [InlineData("行动1")]
    [InlineData("OP-12345678901234567890123456789012345678901234567890123456789012")]
    public void Codes_OutsideTheRule_Fail(string code)
    {
        Assert.False(Codes.IsValid(code));
        Assert.True(Codes.IsValid(new string('A', Codes.MaxLength)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OperationCode_Formula_Or_Slash_Refused(string provider)
    {
        await using var database = await BadInputTests.ReadyAsync(provider);
        await using var db = database.Open();
        var before = await Scenario.SnapshotAsync(db);
        foreach (var code in new[] { "=HYPERLINK(\"http://evil\",\"x\")", "MUSE/2024" })
        {
            var e = await Assert.ThrowsAsync<ConcordException>(() => CreateOperation.RunAsync(db, Scenario.Operator, code, Scenario.Lead, "MM-MPF", default));
            var error = Assert.IsType<InvalidRequestError>(e.Error);
            Assert.Equal("code", error.Field);
            Assert.Equal(ErrorTexts.OperationCodeInvalid, error.Phrase!.Template);
            Assert.StartsWith("code: operation code '", error.Message, StringComparison.Ordinal);
        }
        await using var fresh = database.Open();
        Assert.Equal(before, await Scenario.SnapshotAsync(fresh));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task LeadCode_WithASlash_Refused(string provider)
    {
        await using var database = await BadInputTests.ReadyAsync(provider);
        await using var db = database.Open();
        var e = await Assert.ThrowsAsync<ConcordException>(() => ImportLead.RunAsync(db, Scenario.Operator,
            new ImportLead.Request("CN/LEAD", "CN-MPS", "MM-MPF", "H3", Repo.Muse("dens.csv"), Repo.Muse("lead-targets.csv")), default));
        Assert.Equal(ErrorTexts.LeadCodeInvalid, Assert.IsType<InvalidRequestError>(e.Error).Phrase!.Template);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AgreementCode_Formula_Refused(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var json = File.ReadAllText(Repo.Muse("agreement.json")).Replace("\"CN-MM-TF-2023\"", "\"=cmd|' /C calc'!A0\"", StringComparison.Ordinal);
        var path = Scenario.WriteTemp("agreement.json", System.Text.Encoding.UTF8.GetBytes(json));
        var p = await BadInputTests.RefusedAsync(database, db => ImportAgreement.FromFileAsync(db, Scenario.Operator, path, default));
        Assert.Equal(("agreement.json", "code"), (p.File, p.Column!));
        Assert.Equal(ProblemTexts.AgreementCodeInvalid, p.Phrase!.Template);
    }
}
