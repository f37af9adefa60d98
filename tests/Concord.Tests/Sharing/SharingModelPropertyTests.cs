using Concord.Core.Domain;
using Concord.Core.Features.Sharing;

namespace Concord.Tests.Sharing;

/// <summary>
/// The sharing model's own properties, over generated agencies, leads and consents (2,000 cases a run, from a fixed seed
/// so that a failure repeats): a derived record is never wider than its lead, only the originator widens, and the code
/// decides what needs consent.
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
