using Concord.Core.Domain;
using Concord.Core.Features.Cases;
using Concord.Core.Features.Sharing;

namespace Concord.Tests.Sharing;

/// <summary>
/// The sharing model's own properties, over generated agencies, leads and consents (2,000 cases a run, from a fixed seed
/// so that a failure repeats): a derived record is never wider than its lead, only the originator widens, and the code
/// decides what needs consent; a case's report or extraction is seen by its holder, those above it and those it was
/// shared with, and a link never by an agency that does not see its report.
/// </summary>
public sealed class SharingModelPropertyTests
{
    private const int Cases = 2_000;

    private sealed record Case(Guid LeadId, SharingModel.Source Lead, Guid[] Agencies, List<SharingModel.Consent> Consents, Guid To, HashSet<Guid> Viewer);

    private static IEnumerable<Case> Generate(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < Cases; i++)
        {
            var agencies = Enumerable.Range(0, random.Next(2, 7)).Select(_ => Guid.NewGuid()).ToArray();
            var originator = agencies[random.Next(agencies.Length)];
            var recipient = agencies.Where(a => a != originator).ElementAt(random.Next(agencies.Length - 1));
            var lead = new SharingModel.Source(originator, recipient, (Handling)random.Next(4));
            var leadId = Guid.NewGuid();
            var consents = Enumerable.Range(0, random.Next(0, 4)).Select(_ => new SharingModel.Consent(
                random.Next(5) == 0 ? Guid.NewGuid() : leadId, agencies[random.Next(agencies.Length)], agencies[random.Next(agencies.Length)])).ToList();
            var viewer = agencies.Where(_ => random.Next(3) == 0).ToHashSet();
            yield return new Case(leadId, lead, agencies, consents, agencies[random.Next(agencies.Length)], viewer);
        }
    }

    [Fact]
    public void A_derived_record_is_seen_only_by_the_leads_audience_whatever_its_code()
    {
        foreach (var c in Generate(1))
        {
            var sees = SharingModel.Sees(c.Viewer, c.Lead);
            Assert.Equal(c.Viewer.Contains(c.Lead.Originator) || c.Viewer.Contains(c.Lead.Recipient), sees);
            // No code, and no consent, makes it wider.
            foreach (var code in Enum.GetValues<Handling>())
                Assert.Equal(sees, SharingModel.Sees(c.Viewer, c.Lead with { Code = code }));
        }
    }

    [Fact]
    public void Only_the_originator_widens_and_only_for_the_agency_and_lead_it_named()
    {
        foreach (var c in Generate(2))
        {
            var allowed = SharingModel.MayTransfer(c.LeadId, c.Lead, c.To, c.Consents);
            // Consents granted by anyone but the originator, or for another lead, change nothing.
            var others = c.Consents.Where(x => x.GrantedBy != c.Lead.Originator || x.Lead != c.LeadId).ToList();
            Assert.Equal(SharingModel.MayTransfer(c.LeadId, c.Lead, c.To, []), SharingModel.MayTransfer(c.LeadId, c.Lead, c.To, others));
            // Adding the originator's consent for the agency always allows it; removing every consent never widens.
            Assert.True(SharingModel.MayTransfer(c.LeadId, c.Lead, c.To, [.. c.Consents, new(c.LeadId, c.Lead.Originator, c.To)]));
            if (!allowed) Assert.False(SharingModel.MayTransfer(c.LeadId, c.Lead, c.To, []));
        }
    }

    [Fact]
    public void The_code_decides_what_needs_consent()
    {
        foreach (var c in Generate(3))
        {
            var inAudience = c.To == c.Lead.Originator || c.To == c.Lead.Recipient;
            var granted = c.Consents.Any(x => x.Lead == c.LeadId && x.GrantedBy == c.Lead.Originator && x.To == c.To);
            var expected = inAudience || c.Lead.Code is Handling.H0 or Handling.H1 || granted;
            Assert.Equal(expected, SharingModel.MayTransfer(c.LeadId, c.Lead, c.To, c.Consents));
            // A stricter code never allows more.
            if (c.Lead.Code > Handling.H0)
                Assert.True(!SharingModel.MayTransfer(c.LeadId, c.Lead, c.To, c.Consents) || SharingModel.MayTransfer(c.LeadId, c.Lead with { Code = c.Lead.Code - 1 }, c.To, c.Consents));
        }
    }

    private static IEnumerable<CaseWorlds.World> Worlds(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < Cases; i++) yield return CaseWorlds.Generate(random);
    }

    /// <summary>Every agency's viewer, and the node's operator (null), who sees the whole node.</summary>
    private static IEnumerable<IReadOnlySet<Guid>?> Viewers(CaseWorlds.World w) => [.. Enumerable.Range(0, w.Agencies.Length).Select(w.Viewer), null];

    [Fact]
    public void A_link_is_seen_exactly_by_whoever_sees_both_its_report_and_its_extraction()
    {
        foreach (var w in Worlds(4))
            foreach (var viewer in Viewers(w))
                foreach (var l in w.Links)
                {
                    var report = SharingModel.SeesCase(viewer, w.ReportRecord(l.Report));
                    var extraction = SharingModel.SeesCase(viewer, w.ExtractionRecord(l.Extraction));
                    Assert.Equal(report && extraction, w.SeesLink(viewer, l));
                    // A link never shows a report its viewer may not read.
                    Assert.True(!w.SeesLink(viewer, l) || report);
                }
    }

    [Fact]
    public void Unshared_a_case_record_is_seen_by_its_holder_and_the_agencies_above_it_only()
    {
        foreach (var w in Worlds(5))
            for (var a = 0; a < w.Agencies.Length; a++)
            {
                var viewer = w.Viewer(a);
                for (var h = 0; h < w.Agencies.Length; h++)
                {
                    // Agency a is h or above it exactly when h's chain of parents reaches a.
                    var above = false;
                    for (int? x = h; x is { } at; x = w.Parents[at]) above |= at == a;
                    Assert.Equal(above, SharingModel.SeesCase(viewer, new(w.Agencies[h], [])));
                }
            }
    }

    [Fact]
    public void Sharing_widens_only_to_the_named_agency_and_those_above_it()
    {
        var random = new Random(6);
        foreach (var w in Worlds(6))
        {
            var record = new SharingModel.CaseRecord(w.Agencies[random.Next(w.Agencies.Length)],
                [.. w.Agencies.Where(_ => random.Next(3) == 0)]);
            var to = random.Next(w.Agencies.Length);
            var widened = record with { SharedWith = [.. record.SharedWith, w.Agencies[to]] };
            for (var a = 0; a < w.Agencies.Length; a++)
            {
                var viewer = w.Viewer(a);
                var before = SharingModel.SeesCase(viewer, record);
                Assert.Equal(before || viewer.Contains(w.Agencies[to]), SharingModel.SeesCase(viewer, widened));
                // Unsharing never widens, and a share with an agency outside the world reaches nobody in it.
                Assert.True(!SharingModel.SeesCase(viewer, record with { SharedWith = [] }) || before);
                Assert.Equal(before, SharingModel.SeesCase(viewer, record with { SharedWith = [.. record.SharedWith, Guid.NewGuid()] }));
            }
            Assert.True(SharingModel.SeesCase(null, record));
        }
    }

    [Fact]
    public void An_agency_above_another_sees_whatever_it_sees()
    {
        foreach (var w in Worlds(7))
            for (var a = 0; a < w.Agencies.Length; a++)
                if (w.Parents[a] is { } parent)
                {
                    var below = w.Viewer(a);
                    var above = w.Viewer(parent);
                    Assert.True(below.IsSubsetOf(above));
                    foreach (var l in w.Links)
                        Assert.True(!w.SeesLink(below, l) || w.SeesLink(above, l));
                }
    }

    [Theory]
    [InlineData("H0", Handling.H0, "TLP:GREEN")]
    [InlineData("h1", Handling.H1, "TLP:AMBER")]
    [InlineData(" H2 ", Handling.H2, "TLP:AMBER+STRICT")]
    [InlineData("H3", Handling.H3, "TLP:RED")]
    public void Codes_are_a_closed_set_with_their_marking(string written, Handling code, string tlp)
    {
        Assert.True(SharingModel.TryParse(written, out var parsed));
        Assert.Equal(code, parsed);
        Assert.Equal(tlp, SharingModel.Label(SharingModel.Marking(parsed)));
    }

    [Theory]
    [InlineData("H3-NO-ONWARD")]
    [InlineData("H4")]
    [InlineData("")]
    [InlineData("secret")]
    public void Anything_else_is_no_code(string written) => Assert.False(SharingModel.TryParse(written, out _));
}
