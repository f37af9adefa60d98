using Concord.Core.Features.Imports;

namespace Concord.Tests.Imports;

/// <summary>What Excel writes into a field file it saved again: numbers in scientific notation, dates in the computer's order.</summary>
public sealed class ExcelDamageTests
{
    [Theory]
    [InlineData("3.40519E+17", true)]
    [InlineData("8.61381E+12", true)]
    [InlineData("3E+17", true)]
    [InlineData("340519199810085402", false)]
    [InlineData("+86 138 1234 5678", false)]
    [InlineData("E38356275", false)]
    [InlineData(null, false)]
    public void ScientificNotation_IsTold(string? text, bool scientific) => Assert.Equal(scientific, ExcelDamage.IsScientific(text));

    [Theory]
    [InlineData("3/26/1990", "1990-03-26")]
    [InlineData("26/3/1990", "1990-03-26")]
    [InlineData("26.03.1990", "1990-03-26")]
    [InlineData("1990/3/26", "1990-03-26")]
    [InlineData("4/5/1990", "1990-04-05")]
    [InlineData("3/26/90", "1990-03-26")]
    public void ADateExcelRewrote_IsRead(string written, string expected)
    {
        Assert.True(ExcelDamage.TryRewrittenDate(written, out var date));
        Assert.Equal(expected, date.ToString());
    }

    [Theory]
    [InlineData("13/13/1990")]
    [InlineData("2/30/1990")]
    [InlineData("1990-03-26")]
    [InlineData("March 26")]
    public void WhatIsNoDate_IsNotRead(string written) => Assert.False(ExcelDamage.TryRewrittenDate(written, out _));
}
