using System.Text.Json;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Federation;

/// <summary>
/// The outbox and the inbox. A feature whose counterpart agency lives on a partner node queues a packet in the same
/// transaction as its own change; the packet is signed with the node's key when it leaves (pushed or written to a
/// bundle). A packet that arrives is checked (its form, the signature by the sending node's key, that it is for this
/// node and one of its agencies, that the sending node hosts the agency it speaks for, that an agreement in force binds
/// the two agencies, that it is new) and applied at
/// most once, in order: one that needs a packet not yet applied waits for it. Every step is audited with the digest.
/// </summary>
public static class Packets
{
    /// <summary>A packet as the outbox and inbox show it; <paramref name="Why"/>: its reason as a template and values, for the reader's language.</summary>
    public sealed record View(Guid Id, Guid PacketId, string Direction, string Node, string Type, string State, string? Reason, string Digest,
        DateTime CreatedAt, DateTime StateAt, Guid? InReplyTo, [property: System.Text.Json.Serialization.JsonIgnore] Matching.Phrase? Why = null);

    /// <summary>What became of a packet that arrived.</summary>
    public sealed record Outcome(
        [property: System.Text.Json.Serialization.JsonPropertyName("packet_id")] Guid PacketId,
        [property: System.Text.Json.Serialization.JsonPropertyName("type")] string Type,
        [property: System.Text.Json.Serialization.JsonPropertyName("state"), System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<PacketState>))] PacketState State,
        [property: System.Text.Json.Serialization.JsonPropertyName("reason")] string? Reason,
        [property: System.Text.Json.Serialization.JsonPropertyName("digest")] string Digest);

    /// <summary>A packet type's handler on the receiving node: applies the body, or says what it waits for.</summary>
    internal interface IHandler
    {
        string Type { get; }

        /// <returns>Null when applied; otherwise the id of a packet it waits for (<see cref="Waiting"/>), or throws to refuse.</returns>
        Task<Guid?> ApplyAsync(ConcordDbContext db, Actor actor, PacketEnvelope envelope, Agency from, Agency to, CancellationToken ct);

        /// <summary>Whether the two agencies must be bound by an agreement in force here (not for the agreement's own packets).</summary>
        bool NeedsAgreement => true;
    }

    private static readonly Dictionary<string, IHandler> Handlers = new IHandler[]
    {
        new LeadPackets.LeadHandler(), new LeadPackets.AckHandler(), new AgreementPackets.DocumentHandler(), new AgreementPackets.AcceptHandler(),
        new RosterPackets.ShareHandler(), new RosterPackets.ResultHandler(), new HandoverPackets.ManifestHandler(), new HandoverPackets.ReceiptHandler(),
        new AssignmentPackets.NoticeHandler(), new ConsentPackets.RequestHandler(), new ConsentPackets.AnswerHandler(),
    }
        .ToDictionary(h => h.Type, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> Types => Handlers.Keys;

    /// <summary>
    /// Refuses a packet carrying what derives from <paramref name="lead"/> under a lower handling code than the lead's:
    /// derived material is never handled wider than its source (<see cref="Sharing.SharingModel"/>).
    /// </summary>
    internal static void CheckHandling(PacketEnvelope envelope, Lead lead)
    {
        if (!Sharing.SharingModel.TryParse(envelope.Handling, out var code) || code < lead.HandlingCode)
            throw new ConcordException(new ConflictError(new Concord.Matching.Phrase(ErrorTexts.HandlingBelowLead, envelope.Handling, lead.HandlingCode.ToString(), lead.Code)));
    }

    /// <summary>
    /// Queues a packet from a local agency to an agency a partner node hosts, in the caller's unit of work (saved with the
    /// change it reports). The envelope is completed and signed when the packet leaves.
    /// </summary>
    public static Packet Queue(ConcordDbContext db, Actor actor, string type, Agency from, Agency to, string handling, object body, Guid? inReplyTo = null)
    {
        if (to.Node is null) throw new InvalidOperationException($"{to.Code} is hosted on this node: nothing to send");
        var envelope = new PacketEnvelope(Guid.CreateVersion7(), type, 1, "", from.Code, to.Node, to.Code, DateTime.UtcNow, handling, inReplyTo,
            JsonSerializer.SerializeToElement(body, PacketSeal.Json));
        var packet = new Packet
        {
            AgencyId = from.Id,
            PacketId = envelope.Id,
            Direction = PacketDirection.Out,
            Node = to.Node,
            Type = type,
            State = PacketState.Queued,
            Digest = "",
            Envelope = PacketSeal.Canonical(envelope),
            Signature = "",
            InReplyTo = inReplyTo,
        };
        db.Packets.Add(packet);
        db.Record(actor, "packet.queue", nameof(Packet), packet.Id, $"type={type} to={to.Code} node={to.Node}");
        return packet;
    }

    /// <summary>Packets between the nodes themselves, of no agency: a key rotation, an audit checkpoint and its cosignature.</summary>
    public static readonly IReadOnlySet<string> NodeLevelTypes = new HashSet<string>(StringComparer.Ordinal) { NodeKeys.Type, Witness.CheckpointType, Witness.CosignatureType };

    /// <summary>Queues a packet between the nodes themselves for partner node <paramref name="node"/>, in the caller's unit of work; signed when it leaves.</summary>
    internal static Packet QueueNodeLevel(ConcordDbContext db, Actor actor, string type, string node, object body)
    {
        var envelope = new PacketEnvelope(Guid.CreateVersion7(), type, 1, "", "", node, "", DateTime.UtcNow, "H0", null, JsonSerializer.SerializeToElement(body, PacketSeal.Json));
        var packet = new Packet
        {
            AgencyId = Agency.NodeId,
            PacketId = envelope.Id,
            Direction = PacketDirection.Out,
            Node = node,
            Type = type,
            State = PacketState.Queued,
            Digest = "",
            Envelope = PacketSeal.Canonical(envelope),
            Signature = "",
        };
        db.Packets.Add(packet);
        db.Record(actor, "packet.queue", nameof(Packet), packet.Id, $"type={type} node={node}");
        return packet;
    }

    /// <summary>
    /// Signs every queued packet for <paramref name="node"/> with the node's key (naming this node as the sender) and
    /// marks them sent; gives every packet sent to that node and not yet acknowledged, oldest first, as it travels.
    /// </summary>
    /// <param name="most">At most this many, the oldest (a link's exchange carries a bounded load; a bundle carries all).</param>
    public static async Task<IReadOnlyList<WirePacket>> LeavingAsync(ConcordDbContext db, Actor actor, NoteKey key, string node, CancellationToken ct,
        int most = int.MaxValue)
    {
        var pending = await db.Packets.Where(p => p.Direction == PacketDirection.Out && p.Node == node
                && (p.State == PacketState.Queued || p.State == PacketState.Sent)).OrderBy(p => p.CreatedAt).ThenBy(p => p.PacketId).Take(most).ToListAsync(ct);
        var wire = new List<WirePacket>(pending.Count);
        foreach (var p in pending)
        {
            if (p.State == PacketState.Queued)
            {
                var draft = JsonSerializer.Deserialize<PacketEnvelope>(p.Envelope, PacketSeal.Json)!;
                var (canonical, signature) = PacketSeal.Sign(draft with { FromNode = key.Name }, key);
                (p.Envelope, p.Signature, p.Digest, p.State, p.StateAt) = (canonical, $"{key.KeyRef} {signature}", PacketSeal.Digest(canonical), PacketState.Sent, DateTime.UtcNow);
                db.Record(actor, "packet.send", nameof(Packet), p.Id, $"type={p.Type} node={node} sha256={p.Digest}");
            }
            var (keyRef, sig) = SplitSignature(p.Signature);
            wire.Add(PacketSeal.Wire(p.Envelope, keyRef, sig));
        }
        await db.SaveChangesAsync(ct);
        return wire;
    }

    internal static (string KeyRef, string Signature) SplitSignature(string stored)
    {
        var space = stored.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? ("", stored) : (stored[..space], stored[(space + 1)..]);
    }

    /// <summary>
    /// Takes in one packet that arrived from <paramref name="via"/> (a bundle's file name or a link's address): checks it,
    /// records it in the inbox, applies it when it may be applied, and then any packet that was waiting for it.
    /// </summary>
    public static async Task<Outcome> ReceiveAsync(ConcordDbContext db, NoteKey self, WirePacket wire, string via, CancellationToken ct)
    {
        var (envelope, canonical, problem) = PacketSeal.Read(wire);
        var digest = canonical.Length > 0 ? PacketSeal.Digest(canonical) : "";
        var operatorActor = Actor.Operator($"packets:{via}");
        if (envelope is null)
            return await RefuseAsync(db, operatorActor, null, canonical, wire, digest, problem!, ct);

        var partner = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Node == envelope.FromNode, ct);
        if (partner is null)
            return await RefuseAsync(db, operatorActor, envelope, canonical, wire, digest, Say(PacketTexts.NotAPartner, envelope.FromNode), ct);
        var keys = Partners.KeysOf(partner, DateTime.UtcNow).ToList();
        var signer = keys.FirstOrDefault(k => k.KeyRef == wire.Key);
        if (signer is null)
            return await RefuseAsync(db, operatorActor, envelope, canonical, wire, digest, Say(PacketTexts.UnknownKey, wire.Key, envelope.FromNode), ct);
        if (!PacketSeal.Verifies(signer, canonical, wire.Signature))
            return await RefuseAsync(db, operatorActor, envelope, canonical, wire, digest, Say(PacketTexts.BadSignature, signer.KeyRef), ct);
        if (envelope.ToNode != self.Name)
            return await RefuseAsync(db, operatorActor, envelope, canonical, wire, digest, Say(PacketTexts.OtherNode, envelope.ToNode, self.Name), ct);
        if (NodeLevelTypes.Contains(envelope.Type)) return await NodeLevelAsync(db, self, envelope, canonical, wire, digest, signer, via, ct);
        var to = await db.Agencies.FirstOrDefaultAsync(a => a.Code == envelope.ToAgency, ct);
        if (to is null || to.Node is not null || to.Id == Agency.NodeId)
            return await RefuseAsync(db, operatorActor, envelope, canonical, wire, digest, Say(PacketTexts.NotOurAgency, envelope.ToAgency), ct);
        var from = await db.Agencies.FirstOrDefaultAsync(a => a.Code == envelope.FromAgency, ct);
        if (from is null || from.Node != envelope.FromNode)
            return await RefuseAsync(db, operatorActor, envelope, canonical, wire, digest, Say(PacketTexts.NotHosted, envelope.FromAgency, envelope.FromNode), ct, to.Id);
        if (!Handlers.TryGetValue(envelope.Type, out var handler))
            return await RefuseAsync(db, operatorActor, envelope, canonical, wire, digest, Say(PacketTexts.UnknownType, envelope.Type), ct, to.Id);
        if (!Sharing.SharingModel.TryParse(envelope.Handling, out _))
            return await RefuseAsync(db, operatorActor, envelope, canonical, wire, digest, Say(PacketTexts.UnknownHandling, envelope.Handling), ct, to.Id);
        // Nothing but the agreement itself crosses between two agencies that no agreement in force on this node binds.
        try
        {
            if (handler.NeedsAgreement) await Agreements.AcceptAgreement.InForceForAsync(db, to.Id, from.Id, ct);
        }
        catch (ConcordException e)
        {
            // An agreement that binds them but awaits a party's acceptance is named; none at all needs no more words.
            var why = e.Error.Phrase is { Template: ErrorTexts.AgreementNotAccepted, Args: [var code, var party] } ? Say(PacketTexts.AgreementAwaits, from.Code, to.Code, code, party)
                : e.Error.Phrase?.Template == ErrorTexts.NoAgreementBinds ? Say(PacketTexts.NoAgreement, from.Code, to.Code)
                : $"{Say(PacketTexts.NoAgreement, from.Code, to.Code)}: {e.Error.Message}";
            return await RefuseAsync(db, operatorActor, envelope, canonical, wire, digest, why, ct, to.Id);
        }

        var known = await db.Packets.FirstOrDefaultAsync(p => p.Direction == PacketDirection.In && p.PacketId == envelope.Id
            && (p.State == PacketState.Applied || p.State == PacketState.Waiting), ct);
        var actor = new Actor($"node:{envelope.FromNode}", to.Id) { Source = via };
        if (known is not null) return await DuplicateAsync(db, actor, known, envelope, digest, ct);

        var packet = Inbound(envelope, canonical, wire, digest, to.Id, PacketState.Waiting);
        db.Packets.Add(packet);
        db.Record(actor, "packet.receive", nameof(Packet), packet.Id, $"type={envelope.Type} node={envelope.FromNode} sha256={digest}");
        await db.SaveChangesAsync(ct);
        var outcome = await ApplyAsync(db, actor, packet, envelope, handler, from, to, ct);
        if (outcome.State == PacketState.Applied) await ApplyWaitingAsync(db, ct);
        return outcome;
    }

    /// <summary>
    /// The same packet again (a re-sent bundle, a retried push): recorded, never applied twice. Its sender did not hear
    /// what became of it, so its state counts as new again, to be reported in the next answer.
    /// </summary>
    private static async Task<Outcome> DuplicateAsync(ConcordDbContext db, Actor actor, Packet known, PacketEnvelope envelope, string digest, CancellationToken ct)
    {
        known.StateAt = DateTime.UtcNow;
        db.Record(actor, "packet.duplicate", nameof(Packet), known.Id, $"type={envelope.Type} node={envelope.FromNode} sha256={digest}");
        await db.SaveChangesAsync(ct);
        return new Outcome(envelope.Id, envelope.Type, known.State, "already received", digest);
    }

    /// <summary>The inbox row of a packet that arrived, as it was signed.</summary>
    private static Packet Inbound(PacketEnvelope envelope, string canonical, WirePacket wire, string digest, Guid agency, PacketState state) => new()
    {
        AgencyId = agency,
        PacketId = envelope.Id,
        Direction = PacketDirection.In,
        Node = envelope.FromNode,
        Type = envelope.Type,
        State = state,
        Digest = digest,
        Envelope = canonical,
        Signature = $"{wire.Key} {wire.Signature}",
        InReplyTo = envelope.InReplyTo,
    };

    /// <summary>A packet between the nodes themselves (a key rotation, an audit checkpoint, a cosignature): of no agency, applied at once, at most once.</summary>
    private static async Task<Outcome> NodeLevelAsync(ConcordDbContext db, NoteKey self, PacketEnvelope envelope, string canonical, WirePacket wire, string digest, NoteKey signer,
        string via, CancellationToken ct)
    {
        var actor = new Actor($"node:{envelope.FromNode}", Agency.NodeId) { Source = via };
        var known = await db.Packets.FirstOrDefaultAsync(p => p.Direction == PacketDirection.In && p.PacketId == envelope.Id && p.State == PacketState.Applied, ct);
        if (known is not null) return await DuplicateAsync(db, actor, known, envelope, digest, ct);
        await using var tx = await Step.BeginAsync(db, ct);
        var problem = envelope.Type switch
        {
            Witness.CheckpointType => await Witness.WitnessAsync(db, actor, self, envelope, ct),
            Witness.CosignatureType => await Witness.KeepAsync(db, actor, envelope, signer, ct),
            _ => await NodeKeys.ApplyAsync(db, actor, envelope, signer, ct),
        };
        if (problem is not null)
        {
            await tx.RollbackAsync(ct);
            return await RefuseAsync(db, Actor.Operator($"packets:{via}"), envelope, canonical, wire, digest, problem, ct);
        }
        var packet = Inbound(envelope, canonical, wire, digest, Agency.NodeId, PacketState.Applied);
        db.Packets.Add(packet);
        db.Record(actor, "packet.apply", nameof(Packet), packet.Id, $"type={envelope.Type} node={envelope.FromNode} sha256={digest}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new Outcome(envelope.Id, envelope.Type, PacketState.Applied, null, digest);
    }

    private static async Task<Outcome> ApplyAsync(ConcordDbContext db, Actor actor, Packet packet, PacketEnvelope envelope, IHandler handler, Agency from, Agency to,
        CancellationToken ct)
    {
        await using var tx = await Step.BeginAsync(db, ct);
        try
        {
            var waitsFor = await handler.ApplyAsync(db, actor, envelope, from, to, ct);
            if (waitsFor is { } other)
            {
                await tx.RollbackAsync(ct);
                return new Outcome(envelope.Id, envelope.Type, PacketState.Waiting, $"waits for packet {other}", packet.Digest);
            }
            var tracked = await db.Packets.FirstAsync(p => p.Id == packet.Id, ct);
            (tracked.State, tracked.StateAt, tracked.Reason) = (PacketState.Applied, DateTime.UtcNow, null);
            db.Record(actor, "packet.apply", nameof(Packet), packet.Id, $"type={envelope.Type} node={envelope.FromNode} sha256={packet.Digest}");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new Outcome(envelope.Id, envelope.Type, PacketState.Applied, null, packet.Digest);
        }
        catch (ConcordException e)
        {
            await tx.RollbackAsync(ct);
            var tracked = await db.Packets.FirstAsync(p => p.Id == packet.Id, ct);
            (tracked.State, tracked.StateAt, tracked.Reason) = (PacketState.Refused, DateTime.UtcNow, e.Error.Message);
            db.Record(actor with { }, "packet.refuse", nameof(Packet), packet.Id, $"type={envelope.Type} node={envelope.FromNode} sha256={packet.Digest} reason={e.Error.Message}");
            await db.SaveChangesAsync(ct);
            return new Outcome(envelope.Id, envelope.Type, PacketState.Refused, e.Error.Message, packet.Digest);
        }
    }

    /// <summary>
    /// One packet's change, all or nothing: its own transaction, or, inside a bundle's (which commits once for all its
    /// packets), a savepoint of it. Rolling back forgets what the context tracked; what earlier packets saved stays.
    /// </summary>
    private sealed class Step : IAsyncDisposable
    {
        private const string Savepoint = "concord_packet";
        private readonly ConcordDbContext _db;
        private readonly Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? _own;
        private bool _done;

        private Step(ConcordDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? own) => (_db, _own) = (db, own);

        public static async Task<Step> BeginAsync(ConcordDbContext db, CancellationToken ct)
        {
            if (db.Database.CurrentTransaction is { } outer)
            {
                await outer.CreateSavepointAsync(Savepoint, ct);
                return new Step(db, null);
            }
            return new Step(db, await db.Database.BeginTransactionAsync(ct));
        }

        public async Task CommitAsync(CancellationToken ct)
        {
            _done = true;
            if (_own is not null) await _own.CommitAsync(ct);
            else await _db.Database.CurrentTransaction!.ReleaseSavepointAsync(Savepoint, ct);
        }

        public async Task RollbackAsync(CancellationToken ct)
        {
            _done = true;
            if (_own is not null) await _own.RollbackAsync(ct);
            else await _db.Database.CurrentTransaction!.RollbackToSavepointAsync(Savepoint, ct);
            _db.ChangeTracker.Clear();
        }

        public async ValueTask DisposeAsync()
        {
            if (!_done && _own is null && _db.Database.CurrentTransaction is { } outer) await outer.RollbackToSavepointAsync(Savepoint);
            if (_own is not null) await _own.DisposeAsync();
        }
    }

    /// <summary>Applies, in arrival order, every waiting packet whose turn has come; repeats while any was applied.</summary>
    private static async Task ApplyWaitingAsync(ConcordDbContext db, CancellationToken ct)
    {
        bool progressed;
        do
        {
            progressed = false;
            var waiting = await db.Packets.AsNoTracking().Where(p => p.Direction == PacketDirection.In && p.State == PacketState.Waiting)
                .OrderBy(p => p.CreatedAt).ThenBy(p => p.PacketId).ToListAsync(ct);
            foreach (var p in waiting)
            {
                var envelope = JsonSerializer.Deserialize<PacketEnvelope>(p.Envelope, PacketSeal.Json)!;
                var from = await db.Agencies.FirstAsync(a => a.Code == envelope.FromAgency, ct);
                var to = await db.Agencies.FirstAsync(a => a.Code == envelope.ToAgency, ct);
                var actor = new Actor($"node:{envelope.FromNode}", to.Id) { Source = "inbox" };
                var outcome = await ApplyAsync(db, actor, p, envelope, Handlers[p.Type], from, to, ct);
                progressed |= outcome.State == PacketState.Applied;
            }
        }
        while (progressed);
    }

    /// <param name="agency">
    /// The agency of this node a genuine packet (its signature verified) was addressed to, whose officers see the refusal;
    /// none for a packet that may be forged or misdirected, which is the node's (its operator's and auditors').
    /// </param>
    private static string Say(string template, params string[] values) => new Matching.Phrase(template, values).English;

    private static async Task<Outcome> RefuseAsync(ConcordDbContext db, Actor actor, PacketEnvelope? envelope, string canonical, WirePacket wire, string digest,
        string reason, CancellationToken ct, Guid? agency = null)
    {
        // Kept in the inbox as refused, under its own row: a forged copy never blocks the genuine packet with the same id.
        var packet = new Packet
        {
            AgencyId = agency ?? Agency.NodeId,
            PacketId = envelope?.Id ?? Guid.Empty,
            Direction = PacketDirection.In,
            Node = envelope?.FromNode ?? "?",
            Type = envelope?.Type ?? "?",
            State = PacketState.Refused,
            Reason = reason,
            Digest = digest,
            Envelope = canonical,
            Signature = $"{wire.Key} {wire.Signature}",
            InReplyTo = envelope?.InReplyTo,
        };
        db.Packets.Add(packet);
        db.Record(actor, "packet.refuse", nameof(Packet), packet.Id, $"type={packet.Type} node={packet.Node} sha256={digest} reason={reason}");
        await db.SaveChangesAsync(ct);
        return new Outcome(packet.PacketId, packet.Type, PacketState.Refused, reason, digest);
    }

    /// <summary>Marks this node's sent packets as the partner reported them: applied (acknowledged) or refused, with why.</summary>
    public static async Task<int> AcknowledgeAsync(ConcordDbContext db, Actor actor, string node, IReadOnlyList<Outcome> outcomes, CancellationToken ct)
    {
        var ids = outcomes.Select(o => o.PacketId).ToList();
        var sent = await db.Packets.Where(p => p.Direction == PacketDirection.Out && p.Node == node && ids.Contains(p.PacketId)).ToListAsync(ct);
        var changed = 0;
        foreach (var p in sent)
        {
            var o = outcomes.First(x => x.PacketId == p.PacketId);
            // Only the digest this node signed counts: a report about another text of the packet is not an acknowledgement.
            if (o.Digest != p.Digest || p.State is PacketState.Acknowledged or PacketState.Refused) continue;
            var state = o.State switch { PacketState.Applied => PacketState.Acknowledged, PacketState.Refused => PacketState.Refused, _ => PacketState.Sent };
            if (state == p.State) continue;
            (p.State, p.Reason, p.StateAt) = (state, o.Reason, DateTime.UtcNow);
            db.Record(actor, state == PacketState.Acknowledged ? "packet.acknowledged" : "packet.refused", nameof(Packet), p.Id,
                $"type={p.Type} node={node} sha256={p.Digest}" + (o.Reason is null ? "" : $" reason={o.Reason}"));
            changed++;
        }
        await db.SaveChangesAsync(ct);
        return changed;
    }

    /// <summary>
    /// What the inbox holds for a partner, as the partner should hear it back: applied or refused, by digest. All of them,
    /// or (over the link, where the partner asks often) those settled or received again since <paramref name="since"/>: a
    /// partner that did not hear sends the packet again until it does.
    /// </summary>
    public static async Task<IReadOnlyList<Outcome>> OutcomesForAsync(ConcordDbContext db, string node, CancellationToken ct, DateTime? since = null)
    {
        var query = db.Packets.AsNoTracking().Where(p => p.Direction == PacketDirection.In && p.Node == node && p.PacketId != Guid.Empty
            && (p.State == PacketState.Applied || p.State == PacketState.Refused));
        if (since is { } from) query = query.Where(p => p.StateAt >= from);
        return [.. (await query.OrderBy(p => p.StateAt).ToListAsync(ct)).Select(p => new Outcome(p.PacketId, p.Type, p.State, p.Reason, p.Digest))];
    }

    /// <summary>The outbox and inbox, filtered: by partner node, direction (<c>in</c>, <c>out</c>) and state.</summary>
    public sealed record Filter(string? Node = null, string? Direction = null, string? State = null, int Limit = 500);

    /// <summary>The partners with their link's last exchange, the counts by state, and the packets that pass the filter.</summary>
    public sealed record Board(IReadOnlyList<Partners.View> Partners, IReadOnlyDictionary<string, int> Counts, IReadOnlyList<View> Packets);

    /// <summary>
    /// The outbox and inbox the actor may see, newest first: the operator sees all; an agency's coordinators, commanders and
    /// auditors see the packets it sent or received. A refusal with no agency to name (a forgery) is the node's, so the
    /// operator's and the auditors'.
    /// </summary>
    public static async Task<Board> ListAsync(ConcordDbContext db, Actor actor, Filter filter, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.ReadPackets, "packets", ct);
        var query = db.Packets.AsNoTracking();
        if (!actor.IsNodeOperator)
        {
            var seen = actor.SeenAgencies.ToList();
            if (actor.HasAnyRole(Roles.Auditor)) seen.Add(Agency.NodeId);
            query = query.Where(p => seen.Contains(p.AgencyId));
        }
        if (filter.Node is { Length: > 0 } node) query = query.Where(p => p.Node == node);
        var counts = (await query.GroupBy(p => new { p.Direction, p.State }).Select(g => new { g.Key.Direction, g.Key.State, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(c => $"{c.Direction.ToString().ToLowerInvariant()}.{c.State.ToString().ToLowerInvariant()}", c => c.Count, StringComparer.Ordinal);
        if (filter.Direction is { Length: > 0 } d)
        {
            if (!Enum.TryParse<PacketDirection>(d, ignoreCase: true, out var direction))
                throw new ConcordException(new InvalidRequestError("direction", $"'{d}' is not in or out"));
            query = query.Where(p => p.Direction == direction);
        }
        if (filter.State is { Length: > 0 } st)
        {
            if (!Enum.TryParse<PacketState>(st, ignoreCase: true, out var state))
                throw new ConcordException(new InvalidRequestError("state", $"'{st}' is not one of {string.Join(", ", Enum.GetNames<PacketState>()).ToLowerInvariant()}"));
            query = query.Where(p => p.State == state);
        }
        var rows = await query.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Take(Math.Clamp(filter.Limit, 1, 5000)).ToListAsync(ct);
        return new Board(await Partners.ListAsync(db, ct), counts, [.. rows.Select(p => new View(p.Id, p.PacketId, p.Direction.ToString().ToLowerInvariant(),
            p.Node, p.Type, p.State.ToString().ToLowerInvariant(), p.Reason, p.Digest, p.CreatedAt, p.StateAt, p.InReplyTo, PacketTexts.Read(p.Reason)))]);
    }
}
