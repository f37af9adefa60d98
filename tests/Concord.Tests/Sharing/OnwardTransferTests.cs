using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Custody;
using Concord.Core.Features.Handover;
using Concord.Core.Features.Intake;
using Concord.Core.Features.Leads;
using Concord.Core.Features.Operations;
using Concord.Core.Features.Persons;
using Concord.Core.Features.Sharing;
using Concord.Core.Storage;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Sharing;

/// <summary>
/// An H3 lead's target cannot be moved to a third agency without the originator's consent: not by a custody rule, not by
/// hand, not on a handover manifest; each refusal is audited and changes nothing; after the originator grants it, the
/// move goes through, and the third agency still never sees the link to the lead's target.
/// </summary>
public sealed class OnwardTransferTests
{
    private const string Third = "TH-RTP";

    private sealed record World(Actor Cn, Actor Mm, Actor Th, Guid Person);

    /// <summary>The Muse lead (H3, CN-MPS to MM-MPF) and operation, 70 roster rows matched: MUSE-0062 is the lead's target T023.</summary>
    private static async Task<World> MatchedAsync(ConcordDbContext db)
    {
        await Scenario.AgreementLeadOperationAsync(db);
        db.Agencies.Add(new Agency { Code = Third, Name = "Royal Thai Police", Country = "THA" });
        await db.SaveChangesAsync();
        await ImportRoster.RunAsync(db, Scenario.Operator, Scenario.WriteTemp("roster.csv", Scenario.RosterLines(70)), Scenario.Operation, default);
        await MatchOperation.RunAsync(db, Scenario.Operator, Scenario.Operation, null, default);
        var person = await db.RosterRecords.Where(r => r.RosterNo == "MUSE-0062").Select(r => r.PersonId).SingleAsync();
        var link = await db.PersonLinks.AsNoTracking().SingleAsync(l => l.PersonId == person && l.Kind == LinkKind.Target);
        // What the lead started carries its code.
        Assert.Equal(("T023", Handling.H3), (link.CandidateRef, link.Handling));
        Assert.Equal(Handling.H3, (await db.Operations.SingleAsync(o => o.Code == Scenario.Operation)).Handling);
        return new World(new Actor("cn.coordinator", await IdAsync(db, "CN-MPS")), new Actor("mm.commander", await IdAsync(db, "MM-MPF")),
            new Actor("th.port", await IdAsync(db, Third)), person);
    }

    private static async Task<Guid> IdAsync(ConcordDbContext db, string code) => await db.Agencies.Where(a => a.Code == code).Select(a => a.Id).SingleAsync();

    private static async Task<string> CustodyAsync(TestDatabase database)
    {
        await using var db = database.Open();
        var persons = await db.Persons.AsNoTracking().OrderBy(p => p.Id).Select(p => $"{p.Id}:{p.CustodyAgencyId}:{p.CustodyState}:{p.CustodyToAgencyId}").ToListAsync();
        var handovers = await db.Handovers.AsNoTracking().CountAsync();
        return string.Join('\n', persons) + $"\nhandovers={handovers}";
    }

    private static async Task<int> RefusalsAsync(TestDatabase database)
    {
        await using var db = database.Open();
        return await db.AuditEntries.CountAsync(e => e.Action == "sharing.refused" && e.Outcome == AuditOutcome.Denied);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task H3_target_goes_to_a_third_agency_only_with_the_originators_consent(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        World w;
        await using (var db = database.Open()) w = await MatchedAsync(db);

        // By a custody rule: the agreement's rule for the person's nationality pointed at the third agency.
        await using (var db = database.Open())
        {
            var th = await IdAsync(db, Third);
            var nationality = await db.RosterRecords.Where(r => r.PersonId == w.Person).Select(r => r.Nationality).FirstAsync();
            foreach (var rule in await db.CustodyRules.Where(r => r.Nationality == nationality).ToListAsync()) rule.ToAgencyId = th;
            await db.SaveChangesAsync();
            await DecideCustody.RunAsync(db, w.Mm, Scenario.Operation, default);
        }
        await using (var db = database.Open())
        {
            var p = await db.Persons.AsNoTracking().SingleAsync(x => x.Id == w.Person);
            Assert.Equal(CustodyState.AwaitingReview, p.CustodyState);
            Assert.Contains("consent of CN-MPS needed", p.CustodyRule, StringComparison.Ordinal);
        }
        Assert.Equal(1, await RefusalsAsync(database));
        var before = await CustodyAsync(database);

        // By hand.
        await using (var db = database.Open())
        {
            var refused = await Assert.ThrowsAsync<ConcordException>(() => DecideCustody.ResolveAsync(db, w.Mm, w.Person, Third, "Mae Sot", "by hand", default));
            Assert.Equal(ErrorTexts.ConsentNeeded, refused.Error.Phrase?.Template);
            Assert.Equal(["1", Scenario.Lead, "H3", Third, "CN-MPS"], refused.Error.Phrase?.Args);
        }
        Assert.Equal(before, await CustodyAsync(database));
        Assert.Equal(2, await RefusalsAsync(database));

        // On a manifest: custody pointed at the third agency some other way, planning still refuses.
        await using (var db = database.Open())
        {
            var p = await db.Persons.SingleAsync(x => x.Id == w.Person);
            (p.CustodyState, p.CustodyToAgencyId) = (CustodyState.Decided, w.Th.AgencyId);
            await db.SaveChangesAsync();
        }
        before = await CustodyAsync(database);
        await using (var db = database.Open())
        {
            var refused = await Assert.ThrowsAsync<ConcordException>(() => Handovers.PlanAsync(db, w.Mm, Scenario.Operation, Third, "Mae Sot", new DateOnly(2024, 4, 2), default));
            Assert.Equal(ErrorTexts.ConsentNeeded, refused.Error.Phrase?.Template);
        }
        Assert.Equal(before, await CustodyAsync(database));
        Assert.Equal(3, await RefusalsAsync(database));

        // The recipient asks; it cannot answer for the originator, and the third agency is told of no such request.
        Consents.Line asked;
        await using (var db = database.Open()) asked = await Consents.RequestAsync(db, w.Mm, Scenario.Lead, Third, "arrested on a Thai warrant", default);
        Assert.Equal((ConsentStatus.Requested, "CN-MPS", "MM-MPF", Third), (asked.Status, asked.Originator, asked.RequestedBy, asked.To));
        await using (var db = database.Open())
        {
            var own = await Assert.ThrowsAsync<ConcordException>(() => Consents.AnswerAsync(db, w.Mm, asked.Id, grant: true, null, default));
            Assert.Equal(ErrorTexts.OnlyOriginatorAnswers, own.Error.Phrase?.Template);
            var stranger = await Assert.ThrowsAsync<ConcordException>(() => Consents.AnswerAsync(db, w.Th, asked.Id, grant: true, null, default));
            Assert.IsType<NotFoundError>(stranger.Error);
            Assert.Empty(await Consents.ListAsync(db, w.Th, default));
            Assert.Single(await Consents.ListAsync(db, w.Cn, default));
        }
        Assert.Equal(before, await CustodyAsync(database));
        await using (var db = database.Open())
            Assert.Equal(ConsentStatus.Granted, (await Consents.AnswerAsync(db, w.Cn, asked.Id, grant: true, "agreed by phone", default)).Status);
        await using (var db = database.Open())
            Assert.Equal(3, await db.AuditEntries.CountAsync(e => e.Action == "consent.request" || e.Action == "consent.grant" || (e.Action == "sharing.refused" && e.EntityType == nameof(TransferConsent))));

        // Now both go through.
        await using (var db = database.Open()) await DecideCustody.ResolveAsync(db, w.Mm, w.Person, Third, "Mae Sot", "consent granted", default);
        await using (var db = database.Open())
        {
            var h = await Handovers.PlanAsync(db, w.Mm, Scenario.Operation, Third, "Mae Sot", new DateOnly(2024, 4, 2), default);
            Assert.Contains(h.Persons, x => x.PersonId == w.Person);
        }

        // The third agency reads the person, but never the lead's target behind them; the lead's audience does.
        await using (var db = database.Open())
        {
            var seen = await PersonViews.GetAsync(db, w.Th, w.Person, db.ReadsIn(), default);
            Assert.DoesNotContain(seen.Links, l => l.Kind == LinkKind.Target);
            Assert.DoesNotContain(seen.Identifiers, i => i.Trust == IdentifierTrust.Lead);
            var lead = await db.Leads.SingleAsync(l => l.Code == Scenario.Lead);
            await Assert.ThrowsAsync<ConcordException>(() => AcknowledgeLead.FindAsync(db, w.Th, lead.Id, default));
            Assert.Contains((await PersonViews.GetAsync(db, w.Mm, w.Person, db.ReadsIn(), default)).Links, l => l.Kind == LinkKind.Target && l.CandidateRef == "T023");
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_handling_code_outside_the_closed_set_is_refused_naming_the_field(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        await Scenario.MuseAgreementAsync(db);
        var refused = await Assert.ThrowsAsync<ConcordException>(() => ImportLead.RunAsync(db, Scenario.Operator,
            new ImportLead.Request("CN-LEAD-X", "CN-MPS", "MM-MPF", "H3-NO-ONWARD", Repo.Muse("dens.csv"), Repo.Muse("lead-targets.csv")), default));
        var error = Assert.IsType<InvalidRequestError>(refused.Error);
        Assert.Equal(("handling", ErrorTexts.HandlingCodeUnknown), (error.Field, error.Phrase?.Template));
        Assert.Equal(0, await db.Leads.CountAsync());
    }

    /// <summary>
    /// Generated worlds (agencies, leads of every code, persons linked to their targets, custody pointed anywhere, consents
    /// granted by the originator or by someone else): every person read answers exactly the target links and lead numbers
    /// the model lets the reader see, and every transfer check refuses exactly what the model refuses. Three worlds of
    /// 40 persons × 7 agencies, reads and transfers: 1,680 cases per provider.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_read_and_transfer_answers_as_the_model_allows(string provider)
    {
        var cases = 0;
        for (var seed = 1; seed <= 3; seed++)
        {
            await using var database = await TestDatabase.CreateAsync(provider);
            var random = new Random(seed);
            List<Agency> agencies;
            List<(Lead Lead, Operation Operation, List<Target> Targets)> leads = [];
            List<Person> persons = [];
            List<TransferConsent> consents = [];
            await using (var db = database.Open())
            {
                agencies = Enumerable.Range(0, 7).Select(i => new Agency { Code = $"AG-{i}", Name = $"Agency {i}" }).ToList();
                db.Agencies.AddRange(agencies);
                for (var i = 0; i < 6; i++)
                {
                    var from = agencies[random.Next(agencies.Count)];
                    var to = agencies.Where(a => a != from).ElementAt(random.Next(agencies.Count - 1));
                    var lead = new Lead { AgencyId = from.Id, ToAgencyId = to.Id, Code = $"L-{i}", HandlingCode = (Handling)random.Next(4) };
                    var targets = Enumerable.Range(0, 2).Select(t => new Target { AgencyId = from.Id, LeadId = lead.Id, TargetId = $"T{i}{t}", Name = $"目标{i}{t}" }).ToList();
                    var operation = new Operation { AgencyId = to.Id, Code = $"OP-{i}", LeadId = lead.Id, Handling = lead.HandlingCode };
                    db.Leads.Add(lead);
                    db.Targets.AddRange(targets);
                    db.Operations.Add(operation);
                    leads.Add((lead, operation, targets));
                }
                for (var i = 0; i < 40; i++)
                {
                    var (lead, operation, targets) = leads[random.Next(leads.Count)];
                    var person = new Person
                    {
                        AgencyId = operation.AgencyId,
                        OperationId = operation.Id,
                        CustodyAgencyId = operation.AgencyId,
                        CustodyToAgencyId = agencies[random.Next(agencies.Count)].Id,
                        CustodyState = CustodyState.Decided,
                    };
                    db.Persons.Add(person);
                    persons.Add(person);
                    if (random.Next(10) < 7)
                    {
                        var target = targets[random.Next(targets.Count)];
                        db.PersonLinks.Add(new PersonLink
                        {
                            AgencyId = operation.AgencyId,
                            PersonId = person.Id,
                            Kind = LinkKind.Target,
                            CandidateId = target.Id,
                            CandidateRef = target.TargetId,
                            DecidedBy = "records",
                            Handling = lead.HandlingCode,
                        });
                        db.PersonIdentifiers.Add(new PersonIdentifier { PersonId = person.Id, Type = "PHONE", Number = $"+86138{i:D8}", Trust = IdentifierTrust.Lead, Source = $"target:{target.TargetId}" });
                    }
                }
                for (var i = 0; i < 12; i++)
                {
                    var (lead, _, _) = leads[random.Next(leads.Count)];
                    consents.Add(new TransferConsent
                    {
                        // Mostly the originator's, as Consents.AnswerAsync records them; some forged by another agency.
                        AgencyId = random.Next(4) == 0 ? agencies[random.Next(agencies.Count)].Id : lead.AgencyId,
                        LeadId = lead.Id,
                        RequestedByAgencyId = lead.ToAgencyId,
                        ToAgencyId = agencies[random.Next(agencies.Count)].Id,
                        Status = (ConsentStatus)random.Next(3),
                        RequestedBy = "generated",
                    });
                }
                db.TransferConsents.AddRange(consents);
                await db.SaveChangesAsync();
            }

            var links = leads.SelectMany(l => l.Targets.Select(t => (t.Id, l.Lead))).ToDictionary(x => x.Id, x => x.Lead);
            var granted = consents.Where(c => c.Status == ConsentStatus.Granted).Select(c => new SharingModel.Consent(c.LeadId, c.AgencyId, c.ToAgencyId)).ToList();
            await using (var db = database.Open())
            {
                var stored = await db.PersonLinks.AsNoTracking().ToListAsync();
                foreach (var person in persons)
                {
                    var own = stored.Where(l => l.PersonId == person.Id).ToList();
                    foreach (var agency in agencies)
                    {
                        var viewer = new HashSet<Guid> { agency.Id };
                        var actor = new Actor($"user@{agency.Code}", agency.Id);
                        // Reads: only the persons the agency may read at all; of them, exactly what the model lets it see.
                        if (person.AgencyId == agency.Id || person.CustodyAgencyId == agency.Id || person.CustodyToAgencyId == agency.Id)
                        {
                            var read = await PersonViews.GetAsync(db, actor, person.Id, db.ReadsIn(), default);
                            var expected = own.Where(l => SharingModel.Sees(viewer, Source(links[l.CandidateId]))).Select(l => l.Id).Order().ToList();
                            Assert.Equal(expected, read.Links.Select(l => l.Id).Order().ToList());
                            var seesLead = SharingModel.Sees(viewer, Source(leads.Single(l => l.Operation.Id == person.OperationId).Lead));
                            Assert.Equal(seesLead && own.Count > 0, read.Identifiers.Any(i => i.Trust == IdentifierTrust.Lead));
                            cases++;
                        }
                        // Transfers: refused exactly where the model refuses.
                        var blocked = await Consents.BlockedAsync(db, [person.Id], agency.Id, default);
                        var allowed = own.All(l => SharingModel.MayTransfer(links[l.CandidateId].Id, Source(links[l.CandidateId]), agency.Id, granted));
                        Assert.Equal(!allowed, blocked.Count > 0);
                        cases++;
                    }
                }
            }
        }
        Assert.True(cases >= 1_000, $"{cases} cases");
    }

    private static SharingModel.Source Source(Lead l) => new(l.AgencyId, l.ToAgencyId, l.HandlingCode);
}
