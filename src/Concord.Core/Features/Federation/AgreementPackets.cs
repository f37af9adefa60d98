using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Agreements;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Federation;

/// <summary>
/// An agreement between agencies of two nodes is entered on one (<c>agreement</c>: the document as signed, to every party
/// the partner hosts) and accepted by each party on its own node (<c>agreement-accept</c>: which party, when, and the
/// SHA-256 of the document it accepted, to every other party's node). It binds, on each node, once every acceptance has
/// arrived there. Bodies: version 1 of <c>docs/packets/agreement.schema.json</c> and <c>agreement-accept.schema.json</c>.
/// </summary>
public static class AgreementPackets
{
    public const string Type = "agreement";
    public const string AcceptType = "agreement-accept";

    public sealed record Body([property: JsonPropertyName("code")] string Code, [property: JsonPropertyName("document")] string Document,
        [property: JsonPropertyName("sha256")] string Sha256);

    public sealed record AcceptBody([property: JsonPropertyName("code")] string Code, [property: JsonPropertyName("party")] string Party,
        [property: JsonPropertyName("accepted_at")] DateTime AcceptedAt, [property: JsonPropertyName("sha256")] string Sha256);

    public static string Sha256Of(string document) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));

    /// <summary>
    /// Queues the document for every party hosted on a partner node, from the party that entered it (or, entered by the
    /// node's operator, the first party this node hosts), in the caller's unit of work.
    /// </summary>
    internal static async Task<Guid?> QueueDocumentAsync(ConcordDbContext db, Actor actor, Agreement agreement, Guid? enteredBy, CancellationToken ct)
    {
        var parties = await PartiesAsync(db, agreement, ct);
        var from = parties.FirstOrDefault(p => p.Id == enteredBy && p.Node is null) ?? parties.FirstOrDefault(p => p.Node is null);
        if (from is null) return null;
        Guid? first = null;
        foreach (var to in parties.Where(p => p.Node is not null))
        {
            var packet = Packets.Queue(db, actor, Type, from, to, "H0", new Body(agreement.Code, agreement.Document, Sha256Of(agreement.Document)));
            first ??= packet.PacketId;
        }
        return first;
    }

    /// <summary>Queues a party's acceptance, when the party is this node's, for every party hosted on a partner node.</summary>
    internal static async Task QueueAcceptanceAsync(ConcordDbContext db, Actor actor, Agreement agreement, Guid partyId, DateTime at, Guid? document, CancellationToken ct)
    {
        var parties = await PartiesAsync(db, agreement, ct);
        if (parties.FirstOrDefault(p => p.Id == partyId) is not { Node: null } party) return;
        foreach (var to in parties.Where(p => p.Node is not null))
            Packets.Queue(db, actor, AcceptType, party, to, "H0", new AcceptBody(agreement.Code, party.Code, at, Sha256Of(agreement.Document)), document);
    }

    private static async Task<List<Agency>> PartiesAsync(ConcordDbContext db, Agreement agreement, CancellationToken ct)
    {
        var ids = agreement.Parties.Select(p => p.PartyAgencyId).ToList();
        var agencies = db.Agencies.Local.Where(a => ids.Contains(a.Id)).ToList();
        var missing = ids.Except(agencies.Select(a => a.Id)).ToList();
        if (missing.Count > 0) agencies.AddRange(await db.Agencies.Where(a => missing.Contains(a.Id)).ToListAsync(ct));
        return [.. ids.Select(id => agencies.First(a => a.Id == id))];
    }


    /// <summary>The document, entered here as the sending party entered it (its acceptance comes in its own packet).</summary>
    internal sealed class DocumentHandler : Packets.IHandler
    {
        public string Type => AgreementPackets.Type;

        // The agreement is what makes later packets allowed: it cannot itself need one.
        public bool NeedsAgreement => false;

        public async Task<Guid?> ApplyAsync(ConcordDbContext db, Actor actor, PacketEnvelope envelope, Agency from, Agency to, CancellationToken ct)
        {
            var body = envelope.BodyAs<Body>();
            if (Sha256Of(body.Document) != body.Sha256)
                throw new ConcordException(new InvalidRequestError("sha256", "the document is not the one its SHA-256 names"));
            ImportAgreement.AgreementDto? dto;
            try
            {
                dto = JsonSerializer.Deserialize<ImportAgreement.AgreementDto>(body.Document, new JsonSerializerOptions { PropertyNameCaseInsensitive = true });
            }
            catch (JsonException e)
            {
                throw new ConcordException(new InvalidRequestError("document", e.Message));
            }
            if (dto?.Code != body.Code) throw new ConcordException(new InvalidRequestError("code", $"the document's code is not '{body.Code}'"));
            // Every party must already be known here, as this node's or as hosted by a partner: a document cannot make agencies up.
            var codes = (dto.Parties ?? []).Select(p => p.Code ?? "").ToList();
            var known = await db.Agencies.Where(a => codes.Contains(a.Code)).ToListAsync(ct);
            if (codes.FirstOrDefault(c => known.All(a => a.Code != c)) is { } unknown)
                throw new ConcordException(new InvalidRequestError("parties", $"{unknown} is not an agency of this node or of a partner (concord partner add --agency)"));
            if (!codes.Contains(from.Code) || !codes.Contains(to.Code))
                throw new ConcordException(new InvalidRequestError("parties", $"{from.Code} and {to.Code} are not both parties to {body.Code}"));
            if (await db.Agreements.FirstOrDefaultAsync(a => a.Code == body.Code, ct) is { } existing)
            {
                if (existing.Document == body.Document) return null;
                throw new ConcordException(new ConflictError($"an agreement {body.Code} with another text is already entered on this node"));
            }
            // Entered as the sending party's, with no acceptance: the node's operator enters it, and each party accepts on its own.
            var imported = await ImportAgreement.RunAsync(db, Actor.Operator(actor.Name), $"{body.Code}.json", Encoding.UTF8.GetBytes(body.Document), ct, forwarded: true);
            db.Record(actor, "agreement.receive", nameof(Agreement), imported.Id, $"{body.Code} node={envelope.FromNode} sha256={body.Sha256}");
            await db.SaveChangesAsync(ct);
            return null;
        }
    }

    /// <summary>A party's acceptance on its own node, recorded here; it waits for the document when that has not arrived yet.</summary>
    internal sealed class AcceptHandler : Packets.IHandler
    {
        public string Type => AcceptType;

        public bool NeedsAgreement => false;

        public async Task<Guid?> ApplyAsync(ConcordDbContext db, Actor actor, PacketEnvelope envelope, Agency from, Agency to, CancellationToken ct)
        {
            var body = envelope.BodyAs<AcceptBody>();
            if (body.Party != from.Code) throw new ConcordException(new InvalidRequestError("party", $"{from.Code} may accept only for itself, not for {body.Party}"));
            var agreement = await db.Agreements.Include(a => a.Parties).FirstOrDefaultAsync(a => a.Code == body.Code, ct);
            if (agreement is null)
                return envelope.InReplyTo ?? throw new ConcordException(new NotFoundError("agreement", body.Code));
            if (Sha256Of(agreement.Document) != body.Sha256)
                throw new ConcordException(new ConflictError($"{from.Code} accepted another text of {body.Code} than the one entered here"));
            var entry = agreement.Parties.FirstOrDefault(p => p.PartyAgencyId == from.Id)
                ?? throw new ConcordException(new InvalidRequestError("party", $"{from.Code} is not a party to {body.Code}"));
            if (entry.AcceptedAt is not null) return null;
            await AcceptAgreement.AcceptAsync(db, actor, agreement, entry, from.Code, body.AcceptedAt, ct, announce: false);
            await db.SaveChangesAsync(ct);
            return null;
        }
    }
}
