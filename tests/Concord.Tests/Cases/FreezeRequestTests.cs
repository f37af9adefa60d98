using Concord.Core;
using Concord.Core.Domain;
using Concord.Core.Features.Cases;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Concord.Tests.Cases;

/// <summary>
/// Freeze requests for the accounts victims paid into: made only for an account a report or an extraction the agency sees
/// names, refused whole on a bad field, answered with the institution's outcome, overdue once past the deadline
/// unanswered, and totalled per operation.
/// </summary>
public sealed class FreezeRequestTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_request_is_made_answered_and_overdue_when_past_its_deadline(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var w = await CaseWorld.CreateAsync(db);
        await CaseWorld.LinkedAsync(db, w);
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 3, 30, 2, 0, 0, TimeSpan.Zero));

        // The card ZJ-2024-0001's victim paid into, owned by the phone held by MUSE-0003 in MUSE-D01.
        var request = await FreezeRequests.CreateAsync(db, w.Ministry,
            new("银行卡", "6222-0212-3456-7890-128", "中国工商银行", "50000", "CNY", "《刑事诉讼法》第一百四十四条", "2024-04-01 17:00"), clock, default);
        Assert.Matches("^FR-2024-[0-9]{5}$", request.RequestNo);
        Assert.Equal(("bank_card", "6222021234567890128", 50000m, "CNY"), (request.AccountKind, request.Account, request.Amount, request.Currency));
        Assert.Equal(new DateTime(2024, 4, 1, 9, 0, 0, DateTimeKind.Utc), request.Deadline);
        Assert.Equal(["ZJ-2024-0001"], request.Reports);
        Assert.Equal(Scenario.Operation, request.Operation);
        Assert.False(request.Overdue);

        // A wallet on the SIM bag: answered in time, part frozen.
        var wallet = await FreezeRequests.CreateAsync(db, w.Ministry,
            new("tron", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "Tether (TRC-20)", "1200 USDT", "", "MLA request 2024-17", "2024-04-05T12:00:00+08:00"), clock, default);
        var answered = await FreezeRequests.AnswerAsync(db, w.Ministry, wallet.RequestNo, "partly-frozen", "800", "T-REF-9921", clock, default);
        Assert.Equal((FreezeStatus.Answered, FreezeOutcome.PartlyFrozen, 800m), (answered.Status, answered.Outcome, answered.FrozenAmount));
        var twice = await Assert.ThrowsAsync<ConcordException>(() => FreezeRequests.AnswerAsync(db, w.Ministry, wallet.RequestNo, "frozen", "1200", null, clock, default));
        Assert.Equal(ProblemTexts.FreezeAnswered, ((InvalidInputError)twice.Error).Problems[0].Phrase!.Template);

        // Past the deadline and unanswered: overdue, first in the list; the answered one is not.
        clock.Advance(TimeSpan.FromDays(3));
        var list = await FreezeRequests.ListAsync(db, w.Ministry, clock, default);
        Assert.Equal([(request.RequestNo, true), (wallet.RequestNo, false)], list.Select(v => (v.RequestNo, v.Overdue)));
        var totals = Assert.Single(await FreezeRequests.TotalsAsync(db, w.Ministry, clock, default));
        Assert.Equal((Scenario.Operation, 2, 1, 1), (totals.Operation, totals.Requests, totals.Answered, totals.Overdue));
        Assert.Equal([new Money("USDT", 800m)], totals.Frozen);
        // A late answer is recorded as late.
        await FreezeRequests.AnswerAsync(db, w.Ministry, request.RequestNo, "frozen", "50000", null, clock, default);
        Assert.Contains("late=yes", (await db.AuditEntries.Where(a => a.Action == "freeze.answer").OrderBy(a => a.Sequence).LastAsync()).Details, StringComparison.Ordinal);
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "freeze.request"));

        // Another bureau sees none of the ministry's requests.
        Assert.Empty(await FreezeRequests.ListAsync(db, w.Guangdong, clock, default));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_request_for_an_account_no_case_names_or_with_a_bad_field_is_refused_whole(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var w = await CaseWorld.CreateAsync(db);
        await CaseWorld.LinkedAsync(db, w);
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 3, 30, 2, 0, 0, TimeSpan.Zero));
        var before = await Scenario.SnapshotAsync(db);

        // The card that paid into the den's card is only known to the phone (a counterparty), and no report names it.
        var unknown = await Assert.ThrowsAsync<ConcordException>(() => FreezeRequests.CreateAsync(db, w.Ministry,
            new("bank_card", "4111 1111 1111 1111", "ICBC", "100", "CNY", "basis", "2024-04-01"), clock, default));
        Assert.Equal(ProblemTexts.AccountNotInCases, ((InvalidInputError)unknown.Error).Problems[0].Phrase!.Template);
        // Guangdong sees no report or extraction naming the card: for it the account is in no case.
        var hidden = await Assert.ThrowsAsync<ConcordException>(() => FreezeRequests.CreateAsync(db, w.Guangdong,
            new("bank_card", "6222021234567890128", "ICBC", "100", "CNY", "basis", "2024-04-01"), clock, default));
        Assert.Equal(ProblemTexts.AccountNotInCases, ((InvalidInputError)hidden.Error).Problems[0].Phrase!.Template);
        var bad = await Assert.ThrowsAsync<ConcordException>(() => FreezeRequests.CreateAsync(db, w.Ministry,
            new("phone", "6222021234567890129", "", "-5", "CNY", "", "2024-03-01"), clock, default));
        var problems = ((InvalidInputError)bad.Error).Problems.Select(p => (p.Column, p.Phrase!.Template)).ToList();
        Assert.Contains(("account_kind", ProblemTexts.NotAFreezableKind), problems);
        Assert.Contains(("institution", ProblemTexts.ValueRequired), problems);
        Assert.Contains(("legal_basis", ProblemTexts.ValueRequired), problems);
        Assert.Contains(("amount", ProblemTexts.NotAnAmount), problems);
        Assert.Contains(("deadline", ProblemTexts.DeadlinePassed), problems);
        var slip = await Assert.ThrowsAsync<ConcordException>(() => FreezeRequests.CreateAsync(db, w.Ministry,
            new("bank_card", "6222021234567890129", "ICBC", "100", "CNY", "basis", "2024-04-01"), clock, default));
        Assert.Equal(("account", ProblemTexts.CardCheckDigit), (((InvalidInputError)slip.Error).Problems[0].Column, ((InvalidInputError)slip.Error).Problems[0].Phrase!.Template));
        var clerk = w.Ministry with { Roles = new HashSet<string> { Roles.Clerk } };
        await Assert.ThrowsAsync<ConcordException>(() => FreezeRequests.CreateAsync(db, clerk,
            new("bank_card", "6222021234567890128", "ICBC", "100", "CNY", "basis", "2024-04-01"), clock, default));
        Assert.Equal(before, await Scenario.SnapshotAsync(db));
    }
}
