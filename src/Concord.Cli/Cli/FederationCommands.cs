using System.CommandLine;
using System.Globalization;
using Concord.Core;
using Concord.Core.Features.Federation;

namespace Concord.Cli.Cli;

/// <summary>
/// The node among its partners: its identity (<c>node</c>), the partner nodes it trusts (<c>partner</c>) and the signed
/// packets between them (<c>packets</c>), over a link or on removable media.
/// </summary>
internal static class FederationCommands
{
    public static IEnumerable<Command> Build()
    {
        var keyFile = new Option<string?>("--key-file") { Description = $"the node identity key file (default ${NodeIdentity.FileVariable}, else ~/.config/concord/node-identity.key; ${NodeIdentity.Variable} may hold the key itself)" };

        var name = new Option<string>("--name") { Required = true, Description = "the node's name, as partners will know it (e.g. CN-MPS-NODE)" };
        var init = new Command("init", "make this node's Ed25519 identity key, kept apart from the database, and print its verifier key and fingerprint") { name, keyFile };
        init.SetAction((p, ct) => Commands.Run(p, ct, (_, _, _) =>
        {
            var (key, path) = NodeIdentity.Store.Create(p.GetValue(name)!, p.GetValue(keyFile));
            using (key)
                return Task.FromResult(Commands.Done(p, new { node = key.Name, path, verifier_key = key.VerifierKey, fingerprint = key.Fingerprint },
                    $"{path}: node identity key written (owner only)\nnode:        {key.Name}\nkey:         {key.VerifierKey}\nfingerprint: {key.Fingerprint}"));
        }, schema: false));
        var show = new Command("show", "this node's name, verifier key and fingerprint, to hand to a partner and read out over the phone") { keyFile };
        show.SetAction((p, ct) => Commands.Run(p, ct, (_, _, _) =>
        {
            using var key = NodeIdentity.Require(p.GetValue(keyFile));
            return Task.FromResult(Commands.Done(p, new { node = key.Name, key_id = key.KeyRef, verifier_key = key.VerifierKey, fingerprint = key.Fingerprint },
                $"node:        {key.Name}\nkey:         {key.VerifierKey}\nfingerprint: {key.Fingerprint}"));
        }, schema: false));
        var overlap = new Option<int>("--overlap-days") { DefaultValueFactory = _ => (int)NodeKeys.DefaultOverlap.TotalDays, Description = "how long partners take the old key beside the new one" };
        var rotate = new Command("rotate", "make this node a new identity key and announce it to every partner, signed with the key they know") { overlap, keyFile };
        rotate.SetAction((p, ct) => Commands.Run(p, ct, async (db, _, actor) =>
        {
            var r = await NodeKeys.RotateAsync(db, actor, p.GetValue(keyFile), TimeSpan.FromDays(p.GetValue(overlap)), ct);
            return Commands.Done(p, r, string.Create(CultureInfo.InvariantCulture,
                $"{r.Path}: new key {r.NewKeyId}, fingerprint {r.Fingerprint}\nold key {r.OldKeyId} kept as {r.Retired}; partners take it until {r.OverlapUntil:yyyy-MM-dd HH:mm} UTC\nannounced to {r.Partners} partner nodes: the announcements go with the next exchange or bundle"));
        }));
        var node = new Command("node", "this node's identity among its partners");
        node.Subcommands.Add(init);
        node.Subcommands.Add(show);
        node.Subcommands.Add(rotate);

        var partnerKey = new Option<string>("--key") { Required = true, Description = "the partner's verifier key (name+id+key), as its operator printed it with concord node show" };
        var partnerUrl = new Option<string?>("--url") { Description = "where the partner node listens (https://…)" };
        var agencies = new Option<string[]>("--agency") { Description = "an agency the partner hosts, CODE or CODE:COUNTRY (repeat)", AllowMultipleArgumentsPerToken = true };
        var add = new Command("add", "trust a partner node, after comparing its key's fingerprint with its operator's") { partnerKey, partnerUrl, agencies, keyFile };
        add.SetAction((p, ct) => Commands.Run(p, ct, async (db, _, actor) =>
        {
            using var self = NodeIdentity.Store.Load(p.GetValue(keyFile));
            var v = await Partners.AddAsync(db, actor, p.GetValue(partnerKey)!, p.GetValue(partnerUrl), p.GetValue(agencies) ?? [], self, ct);
            return Commands.Done(p, v, $"{v.Node}: trusted, key {v.KeyId}, fingerprint {v.Fingerprint}; hosts {string.Join(", ", v.Agencies)}");
        }));
        var list = new Command("list", "the partner nodes this node trusts");
        list.SetAction((p, ct) => Commands.Run(p, ct, async (db, _, _) =>
        {
            var all = await Partners.ListAsync(db, ct);
            return Commands.Done(p, all, all.Count == 0 ? "no partner nodes" : string.Join('\n',
                all.Select(v => $"{v.Node}  key {v.KeyId}  fingerprint {v.Fingerprint}  {v.Url ?? "(offline)"}  hosts {string.Join(", ", v.Agencies)}"
                    + (v.LinkAt is { } at ? $"  last exchange {at:yyyy-MM-dd HH:mm} UTC" + (v.LinkProblem is { } why ? $": {why}" : "") : ""))));
        }));
        var partner = new Command("partner", "the partner nodes this node exchanges signed packets with");
        partner.Subcommands.Add(add);
        partner.Subcommands.Add(list);

        var to = new Option<string>("--to") { Required = true, Description = "the partner node the bundle is for" };
        var output = new Option<string>("--out") { Required = true, Description = "the bundle file to write (.cpk)" };
        var export = new Command("export", "sign every packet due to a partner into a bundle for removable media") { to, output, keyFile };
        export.SetAction((p, ct) => Commands.Run(p, ct, async (db, _, actor) =>
        {
            using var key = NodeIdentity.Require(p.GetValue(keyFile));
            var (file, count) = await Bundles.ExportAsync(db, actor, key, p.GetValue(to)!, ct);
            var path = Path.GetFullPath(p.GetValue(output)!);
            // Written beside and then moved into place: a bundle cut short (a pulled stick, a killed process) never has the bundle's name.
            var part = path + ".part";
            await File.WriteAllBytesAsync(part, file, ct);
            File.Move(part, path, overwrite: true);
            return Commands.Done(p, new { file = path, packets = count, bytes = file.Length }, $"{path}: {count} packets for {p.GetValue(to)}");
        }));
        var bundle = new Argument<string>("BUNDLE") { Description = "a bundle file (.cpk)" };
        var import = new Command("import", "check a partner's bundle whole, then apply its packets in order (each at most once)") { bundle, keyFile };
        import.SetAction((p, ct) => Commands.Run(p, ct, async (db, _, _) =>
        {
            using var key = NodeIdentity.Require(p.GetValue(keyFile));
            var path = p.GetValue(bundle)!;
            var s = await Bundles.ImportAsync(db, key, await File.ReadAllBytesAsync(path, ct), Path.GetFileName(path), ct);
            return Commands.Done(p, s, string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(path)} from {s.From}: {s.Packets} packets: {s.Applied} applied, {s.Waiting} waiting, {s.Refused} refused, {s.Duplicates} seen before; {s.Acknowledged} of this node's packets acknowledged")
                + string.Concat(s.Outcomes.Where(o => o.State == Core.Domain.PacketState.Refused).Select(o => $"\n  refused {o.Type} {o.PacketId}: {o.Reason}")));
        }));
        var optionalBundle = new Argument<string?>("BUNDLE") { Description = "a bundle file (.cpk)", Arity = ArgumentArity.ZeroOrOne };
        var receiptQr = new Option<string?>("--receipt") { Description = "the text of a printed receipt's QR code: checked against the signed receipt packet this node holds" };
        var verify = new Command("verify", "check a bundle's signature and each packet's, without applying anything; or a printed receipt's QR code (--receipt)") { optionalBundle, receiptQr, keyFile };
        verify.Validators.Add(r =>
        {
            if ((r.GetValue(optionalBundle) is null) == (r.GetValue(receiptQr) is null)) r.AddError("give a bundle file or --receipt with a receipt's QR code");
        });
        verify.SetAction((p, ct) => Commands.Run(p, ct, async (db, _, actor) =>
        {
            using var key = NodeIdentity.Require(p.GetValue(keyFile));
            if (p.GetValue(receiptQr) is { } qr)
            {
                var c = await HandoverPackets.VerifyReceiptAsync(db, actor, key, qr, Core.Auditing.AuditTrail.ReadsIn(db), ct);
                return Commands.Done(p, new { handover = c.Handover, packet = c.Packet, signed_by = c.SignedBy, key = c.KeyRef, paper_matches = c.PaperMatches },
                    $"receipt of handover {c.Handover}: packet {c.Packet} signed by {c.SignedBy} ({c.KeyRef}) verifies"
                    + (c.PaperMatches ? "; the paper matches this node's records" : "; the paper no longer matches this node's records (printed before a later change)"));
            }
            var path = p.GetValue(optionalBundle)!;
            var content = await Bundles.OpenAsync(db, key, await File.ReadAllBytesAsync(path, ct), Path.GetFileName(path), ct);
            return Commands.Done(p, new { from = content.FromNode, to = content.ToNode, packets = content.Packets.Count, created = content.Created },
                $"{Path.GetFileName(path)}: signed by {content.FromNode} for {content.ToNode}, {content.Packets.Count} packets, made {content.Created:yyyy-MM-dd HH:mm} UTC");
        }));
        var syncTo = new Option<string?>("--to") { Description = "only this partner (default: every partner with an address)" };
        var attempts = new Option<int>("--attempts") { DefaultValueFactory = _ => 4, Description = "tries after the first, with exponential backoff, when the link fails" };
        var sync = new Command("sync", "exchange packets with partners over the link now: push what is due, take in what they hold for this node") { syncTo, attempts, keyFile };
        sync.SetAction((p, ct) => Commands.Run(p, ct, async (db, _, actor) =>
        {
            using var key = NodeIdentity.Require(p.GetValue(keyFile));
            var nodes = p.GetValue(syncTo) is { } one ? [one] : (await Partners.ListAsync(db, ct)).Where(v => v.Url is not null).Select(v => v.Node).ToList();
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
            var retry = Links.Retry(Math.Max(0, p.GetValue(attempts)), TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5));
            var done = new List<Links.Exchange>();
            foreach (var n in nodes) done.Add(await Links.ExchangeAsync(db, actor, key, n, http, retry, ct));
            return Commands.Done(p, done, done.Count == 0 ? "no partner has an address: exchange bundles instead" : string.Join('\n', done.Select(e => string.Create(CultureInfo.InvariantCulture,
                $"{e.Node}: {e.Sent} packets sent; {e.Answer.Packets} received: {e.Answer.Applied} applied, {e.Answer.Waiting} waiting, {e.Answer.Refused} refused, {e.Answer.Duplicates} seen before; {e.Answer.Acknowledged} acknowledged"))));
        }));
        var nodeFilter = new Option<string?>("--node") { Description = "only packets to or from this partner" };
        var directionFilter = new Option<string?>("--direction") { Description = "in or out" };
        var stateFilter = new Option<string?>("--state") { Description = "queued, sent, acknowledged, waiting, applied or refused" };
        var packetList = new Command("list", "the outbox and inbox: each packet's type, state and digest") { nodeFilter, directionFilter, stateFilter };
        packetList.SetAction((p, ct) => Commands.Run(p, ct, async (db, _, actor) =>
        {
            var rows = (await Packets.ListAsync(db, actor, new Packets.Filter(p.GetValue(nodeFilter), p.GetValue(directionFilter), p.GetValue(stateFilter)), ct)).Packets;
            return Commands.Done(p, rows, rows.Count == 0 ? "no packets" : string.Join('\n', rows.Select(r =>
                $"{r.CreatedAt:yyyy-MM-dd HH:mm}  {r.Direction,-3}  {r.Node,-16} {r.Type,-14} {r.State,-12} {(r.Digest.Length > 0 ? r.Digest[..16] : "(unsigned)")}{(r.Reason is null ? "" : "  " + r.Reason)}")));
        }));
        var packets = new Command("packets", "signed packets between this node and its partners");
        packets.Subcommands.Add(export);
        packets.Subcommands.Add(import);
        packets.Subcommands.Add(verify);
        packets.Subcommands.Add(sync);
        packets.Subcommands.Add(packetList);
        return [node, partner, packets];
    }
}
