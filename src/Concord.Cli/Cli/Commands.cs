using System.CommandLine;
using System.Globalization;
using Concord.Cli.Web;
using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Agreements;
using Concord.Core.Features.ApiKeys;
using Concord.Core.Features.Assignment;
using Concord.Core.Features.Custody;
using Concord.Core.Features.Handover;
using Concord.Core.Features.Imports;
using Concord.Core.Features.Federation;
using Concord.Core.Features.Intake;
using Concord.Core.Features.Leads;
using Concord.Core.Features.Sharing;
using Concord.Core.Features.Operations;
using Concord.Core.Features.Persons;
using Concord.Core.Features.Reports;
using Concord.Core.Features.Review;
using Concord.Core.Features.Seizures;
using Concord.Core.Features.Wanted;
using Concord.Core.Storage;
using Concord.Scenarios;
using Microsoft.EntityFrameworkCore;

namespace Concord.Cli.Cli;

/// <summary>
/// The command-line contract. Scripts depend on it: every command takes --db, exits non-zero with a clear message on
/// failure, and with --json prints only JSON; a command that creates something prints its id.
/// </summary>
internal static class Commands
{
    private static readonly Option<string?> Db = new("--db") { Description = "SQLite file path or PostgreSQL connection string (default: $CONCORD_DB, else ./concord.db)", Recursive = true };
    private static readonly Option<bool> Json = new("--json") { Description = "print only JSON", Recursive = true };
    private static readonly Option<string?> ReadDb = new("--read-db") { Description = "a PostgreSQL standby for reports and the audit check (default: $CONCORD_READ_DB, else --db)", Recursive = true };

    /// <summary>How long an import waits for the database to come back (a standby being promoted) before it gives up.</summary>
    private static readonly TimeSpan FailoverPatience = TimeSpan.FromSeconds(60);

    public static RootCommand Build()
    {
        var root = new RootCommand("Concord: cross-border cooperation against telecom fraud");
        root.Options.Add(Db);
        root.Options.Add(Json);
        root.Options.Add(ReadDb);

        foreach (var (name, description) in new[] { ("init", "create the database, or upgrade its schema"), ("migrate", "upgrade the database's schema (the same as init)") })
        {
            var init = new Command(name, description);
            init.SetAction((p, ct) => Run(p, ct, async (db, target, actor) =>
            {
                await Database.MigrateAsync(target, ct);
                return Done(p, new { database = target.Describe(), status = "ready" }, $"database ready: {target.Describe()}");
            }, schema: false));
            root.Subcommands.Add(init);
        }

        var agreementCode = new Argument<string>("CODE") { Description = "agreement code" };
        var acceptFor = new Option<string?>("--agency") { Description = "the party the node operator accepts for" };
        var accept = new Command("accept", "record a party's acceptance: an agreement binds only once every party has accepted it") { agreementCode, acceptFor };
        accept.SetAction((p, ct) => Run(p, ct, async (db, _, actor) =>
        {
            var a = await AcceptAgreement.RunAsync(db, actor, p.GetValue(agreementCode)!, p.GetValue(acceptFor), ct);
            var waiting = a.Parties.Count(x => x.AcceptedAt is null);
            return Done(p, new { id = a.Id, code = a.Code, accepted_for = p.GetValue(acceptFor), in_force = waiting == 0 },
                waiting == 0 ? $"{a.Code}: accepted by every party, in force" : $"{a.Code}: accepted; {waiting} party still to accept");
        }));
        root.Subcommands.Add(Group("agreement", "cooperation agreements",
            ImportCommand("import an agreement (JSON); the parties then accept it (agreement accept)", (db, actor, file, p, ct) => ImportAgreement.FromFileAsync(db, actor, file, ct)), accept));

        var leadCode = new Option<string>("--code") { Required = true, Description = "lead code" };
        var from = new Option<string>("--from") { Required = true, Description = "sending agency code" };
        var to = new Option<string>("--to") { Required = true, Description = "receiving agency code" };
        var handling = new Option<string>("--handling") { Required = true, Description = "handling code: H0 no restriction, H1 not as evidence without permission, H2 or H3 not passed on without consent" };
        var dens = new Option<string>("--dens") { Required = true, Description = "dens.csv" };
        var targets = new Option<string>("--targets") { Required = true, Description = "lead-targets.csv" };
        var leadImport = new Command("import", "import a lead (dens and targets) sent from one agency to another") { leadCode, from, to, handling, dens, targets };
        leadImport.SetAction((p, ct) => Run(p, ct, async (db, _, actor) => Imported(p, await ImportLead.RunAsync(db, actor,
            new ImportLead.Request(p.GetValue(leadCode)!, p.GetValue(from)!, p.GetValue(to)!, p.GetValue(handling)!, p.GetValue(dens)!, p.GetValue(targets)!), ct))));
        var leadId = new Argument<Guid>("ID") { Description = "lead id" };
        var leadAck = new Command("acknowledge", "acknowledge a lead received") { leadId };
        leadAck.SetAction((p, ct) => Run(p, ct, async (db, _, actor) =>
        {
            var l = await AcknowledgeLead.RunAsync(db, actor, p.GetValue(leadId), ct);
            return Done(p, new { id = l.Id, status = l.Status.ToString().ToLowerInvariant() }, $"{l.Code} {l.Status.ToString().ToLowerInvariant()}");
        }));
        root.Subcommands.Add(Group("lead", "leads", leadImport, leadAck));

        var consentLead = new Option<string>("--lead") { Required = true, Description = "the code of the lead received" };
        var consentTo = new Option<string>("--to") { Required = true, Description = "the agency persons linked to the lead's targets would go to" };
        var consentReason = new Option<string?>("--reason") { Description = "why, for the originator" };
        var consentRequest = new Command("request", "ask a lead's originator to let what the lead started (H2, H3) go to one more agency") { consentLead, consentTo, consentReason };
        consentRequest.SetAction((p, ct) => Run(p, ct, async (db, _, actor) =>
            ConsentDone(p, await Consents.RequestAsync(db, actor, p.GetValue(consentLead)!, p.GetValue(consentTo)!, p.GetValue(consentReason), ct))));
        var consentId = new Argument<Guid>("ID") { Description = "consent request id" };
        var grant = new Option<bool>("--grant") { Description = "grant the request" };
        var refuse = new Option<bool>("--refuse") { Description = "refuse the request" };
        var consentAnswer = new Command("answer", "the lead's originator grants or refuses a request") { consentId, grant, refuse, consentReason };
        consentAnswer.Validators.Add(r =>
        {
            if (r.GetValue(grant) == r.GetValue(refuse)) r.AddError("say --grant or --refuse");
        });
        consentAnswer.SetAction((p, ct) => Run(p, ct, async (db, _, actor) =>
            ConsentDone(p, await Consents.AnswerAsync(db, actor, p.GetValue(consentId), p.GetValue(grant), p.GetValue(consentReason), ct))));
        var consentList = new Command("list", "requests for consent, asked and to answer");
        consentList.SetAction((p, ct) => Run(p, ct, async (db, _, actor) =>
        {
            var lines = await Consents.ListAsync(db, actor, ct);
            return Done(p, lines, lines.Count == 0 ? "no requests for consent" : string.Join('\n', lines.Select(ConsentText)));
        }));
        root.Subcommands.Add(Group("consent", "onward transfer of what an H2 or H3 lead started, with its originator's consent", consentRequest, consentAnswer, consentList));

        var agency = new Option<string>("--agency") { Required = true, Description = "agency code" };
        var update = new Option<bool>("--update") { Description = "the file holds changes to the list: new rows are added, changed rows replace their record, rows with withdrawn=yes withdraw it" };
        var full = new Option<bool>("--full") { Description = "with --update: the file is the whole list, and every record absent from it is withdrawn" };
        var wantedImport = ImportCommand("import a wanted list into an agency", (db, actor, file, p, ct) => ImportWantedList.RunAsync(db, actor, file, p.GetValue(agency)!,
            p.GetValue(full) ? WantedImportMode.FullUpdate : p.GetValue(update) ? WantedImportMode.Update : WantedImportMode.Add, ct));
        wantedImport.Options.Add(agency);
        wantedImport.Options.Add(update);
        wantedImport.Options.Add(full);
        wantedImport.Validators.Add(r =>
        {
            if (r.GetValue(full) && !r.GetValue(update)) r.AddError("--full goes with --update: a full list is an update that also withdraws what it leaves out");
        });
        root.Subcommands.Add(Group("wanted", "wanted lists", wantedImport));

        var opCode = new Argument<string>("CODE") { Description = "operation code" };
        var lead = new Option<string>("--lead") { Required = true, Description = "lead code" };
        var opAgency = new Option<string>("--agency") { Required = true, Description = "agency carrying out the operation" };
        var opZone = new Option<string?>("--time-zone") { Description = "IANA zone in which the field's times without an offset are read (default: the agency country's, e.g. Asia/Yangon)" };
        var opCreate = new Command("create", "create an operation on a lead") { opCode, lead, opAgency, opZone };
        opCreate.SetAction((p, ct) => Run(p, ct, async (db, _, actor) =>
        {
            var op = await CreateOperation.RunAsync(db, actor, p.GetValue(opCode)!, p.GetValue(lead)!, p.GetValue(opAgency)!, ct, p.GetValue(opZone));
            return Done(p, new { id = op.Id, code = op.Code, time_zone = op.TimeZone }, op.Id.ToString());
        }));
        root.Subcommands.Add(Group("operation", "operations", opCreate));

        var operation = new Option<string>("--operation") { Required = true, Description = "operation code" };
        var rosterImport = ImportCommand("import an arrest roster", (db, actor, file, p, ct) => ImportRoster.RunAsync(db, actor, file, p.GetValue(operation)!, ct));
        rosterImport.Options.Add(operation);
        var rosterNo = new Option<string>("--roster-no") { Required = true, Description = "the roster number of the row" };
        var birthDate = new Option<string?>("--birth-date") { Description = "YYYY-MM-DD, YYYY-MM or YYYY" };
        var sex = new Option<string?>("--sex") { Description = "M or F" };
        var idType = new Option<string?>("--id-type") { Description = "CN-RIC, MM-NRC, PASSPORT or OTHER (from the number when left out)" };
        var idNumber = new Option<string?>("--id-number") { Description = "the identity document's number" };
        var correctReason = new Option<string?>("--reason") { Description = "where the new values come from" };
        var rosterCorrect = new Command("correct", "correct a roster row with what the field learnt, and match the person again") { operation, rosterNo, birthDate, sex, idType, idNumber, correctReason };
        rosterCorrect.SetAction((p, ct) => Run(p, ct, async (db, _, actor) =>
        {
            var r = await CorrectRoster.RunAsync(db, actor, p.GetValue(operation)!, p.GetValue(rosterNo)!,
                new CorrectRoster.Correction(p.GetValue(birthDate), p.GetValue(sex), p.GetValue(idType), p.GetValue(idNumber), p.GetValue(correctReason)), ct);
            return Done(p, r, r.Changed.Count == 0
                ? $"{r.RosterNo}: nothing changed"
                : $"{r.RosterNo}: {string.Join("; ", r.Changed)}\nlinked: {(r.Links.Count == 0 ? "-" : string.Join(", ", r.Links))}\nopen review tasks: {(r.OpenTasks.Count == 0 ? "-" : string.Join(", ", r.OpenTasks))}");
        }));
        var shareTo = new Option<string?>("--to") { Description = "the partner agency (default: the lead's provider)" };
        var rosterShare = new Command("share", "send a partner node the roster rows of the persons the agreement sends to it, with the seizures they held, to match against its own lists") { operation, shareTo };
        rosterShare.SetAction((p, ct) => Run(p, ct, async (db, _, actor) =>
        {
            var r = await RosterPackets.ShareAsync(db, actor, p.GetValue(operation)!, p.GetValue(shareTo), ct);
            return Done(p, r, r.PacketId is null
                ? $"{r.Operation}: all {r.AlreadyShared} persons for {r.To} were shared before; nothing queued"
                : $"{r.Operation}: {r.Persons} persons ({r.RosterRows} roster rows) and {r.Seizures} seized items queued for {r.To} in packet {r.PacketId}");
        }));
        var rosterAnswer = new Command("answer", "send the partner node what this node's reviewers decided about the roster it shared: wanted or not, and the lead's target") { operation };
        rosterAnswer.SetAction((p, ct) => Run(p, ct, async (db, _, actor) =>
        {
            var r = await RosterPackets.AnswerAsync(db, actor, p.GetValue(operation)!, ct);
            return Done(p, r, $"{r.Operation}: {r.Persons} persons answered to {r.To} ({r.Wanted} wanted, {r.Targets} lead targets); {r.Pending} still in review; packet {r.PacketId}");
        }));
        root.Subcommands.Add(Group("roster", "arrest rosters", rosterImport, rosterCorrect, rosterShare, rosterAnswer));
        var seizuresImport = ImportCommand("import a seizure list", (db, actor, file, p, ct) => ImportSeizures.RunAsync(db, actor, file, p.GetValue(operation)!, ct));
        seizuresImport.Options.Add(operation);
        root.Subcommands.Add(Group("seizures", "seized items", seizuresImport));

        var acceptAt = new Option<double?>("--accept") { Description = "score at or above which a match is accepted" };
        var reviewAt = new Option<double?>("--review") { Description = "score at or above which a match is queued for review" };
        var perList = new Option<string[]>("--threshold") { Description = "per list: LIST=ACCEPT:REVIEW (lists: wanted, target, person, roster)", AllowMultipleArgumentsPerToken = false };
        var namesakes = new Option<int?>("--namesakes") { Description = "list records sharing the name alone that make a person with nothing else to compare one to identify (default 3)" };
        var match = new Command("match", "find duplicates and match arrestees against wanted lists, targets and known persons") { operation, acceptAt, reviewAt, perList, namesakes };
        match.SetAction((p, ct) => Run(p, ct, async (db, _, actor) =>
        {
            var settings = MatchSettings.Parse(p.GetValue(acceptAt), p.GetValue(reviewAt), p.GetValue(perList) ?? [], p.GetValue(namesakes));
            var s = await MatchOperation.RunAsync(db, actor, p.GetValue(operation)!, settings, ct);
            return Done(p, s, $"persons {s.Persons} from {s.RosterRows} rows ({s.DuplicatesMerged} duplicates merged); accepted {s.Accepted}; queued {s.Queued}; "
                + $"review tasks open {s.TasksOpen} ({s.NeedsIdentification} to identify) with {s.QueueOpen} candidates");
        }));
        root.Subcommands.Add(match);

        var personsOperation = new Option<string?>("--operation") { Description = "the operation (default: every operation the agency sees)" };
        var personsNationality = new Option<string?>("--nationality") { Description = "ISO 3166 alpha-3, or UNKNOWN" };
        var personsRole = new Option<string?>("--role") { Description = "key, financier, leader or backbone" };
        var personsFugitive = new Option<bool?>("--fugitive") { Description = "true: on a wanted list; false: not" };
        var personsHandover = new Option<string?>("--handover") { Description = "pending, received, missing, … or none" };
        var personsFlag = new Option<string?>("--flag") { Description = "a data-quality flag, e.g. id-malformed" };
        var personsSearch = new Option<string?>("--search") { Description = "a name in any script (张飞宇, 張飛宇, zhang feiyu), a roster, document or phone number" };
        var personsPage = new Option<int>("--page") { Description = "page number", DefaultValueFactory = _ => 1 };
        var personsSize = new Option<int>("--page-size") { Description = $"persons a page (at most {PersonList.MaxPageSize})", DefaultValueFactory = _ => 50 };
        var personsList = new Command("list", "the arrested persons, filtered, searched and a page at a time")
        {
            personsOperation, personsNationality, personsRole, personsFugitive, personsHandover, personsFlag, personsSearch, personsPage, personsSize,
        };
        personsList.SetAction((p, ct) => Run(p, ct, async (db, _, actor) =>
        {
            var r = await PersonList.ListAsync(db, actor, new PersonList.Query(p.GetValue(personsOperation), p.GetValue(personsNationality), p.GetValue(personsRole),
                p.GetValue(personsFugitive), null, p.GetValue(personsHandover), null, p.GetValue(personsFlag), p.GetValue(personsSearch),
                Page: p.GetValue(personsPage), PageSize: p.GetValue(personsSize)), db.ReadsIn(), ct);
            if (p.GetValue(Json)) { Output.WriteJson(r); return 0; }
            foreach (var x in r.Rows)
                Console.WriteLine(string.Join('\t', x.RosterNo, x.Name ?? "", x.NameLatin ?? "", x.Nationality ?? "", x.BirthDate ?? "", x.Role ?? "",
                    x.Fugitive ? "fugitive" : "", x.CustodyAgency + (x.CustodyTo is { } to ? "→" + to : ""), x.Handover ?? "", string.Join(',', x.Flags)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Rows.Count} of {r.Total} person(s), page {r.Page}"));
            return 0;
        }));
        root.Subcommands.Add(Group("persons", "arrested persons", personsList));

        var all = new Option<bool>("--all") { Description = "include decided tasks" };
        var reviewList = new Command("list", "the review tasks, one per arrested person, key figures and fugitives first") { operation, all };
        reviewList.SetAction((p, ct) => Run(p, ct, async (db, _, actor) =>
        {
            var tasks = await ReviewQueue.TasksAsync(db, actor, p.GetValue(operation)!, !p.GetValue(all), ct);
            // The candidates are personal data: the read is in the trail before anything is printed.
            await db.ReadsIn().RecordAsync(actor, "review.read", nameof(Operation), null, $"{p.GetValue(operation)}: tasks={tasks.Count}", ct);
            if (p.GetValue(Json)) { Output.WriteJson(tasks); return 0; }
            foreach (var t in tasks) WriteTask(t);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{tasks.Count} task(s), {tasks.Sum(t => t.Candidates.Count)} candidate(s)"));
            return 0;
        }));
        var reviewId = new Argument<Guid?>("ID") { Description = "a review task, or one candidate of it", Arity = ArgumentArity.ZeroOrOne };
        var decision = new Argument<string?>("DECISION") { Description = "confirm, reject or needs-identification", Arity = ArgumentArity.ZeroOrOne };
        decision.AcceptOnlyFromAmong("confirm", "reject", "needs-identification");
        var reason = new Option<string?>("--reason") { Description = "why" };
        var candidate = new Option<string?>("--candidate") { Description = "to confirm: the candidate's list reference (W..., T..., roster no), when the task has several" };
        var decisionsFile = new Option<string?>("--file") { Description = "decisions.csv: id,decision,candidate,reason (one row a task or candidate), decided all or none" };
        var decideOperation = new Option<string?>("--operation") { Description = "the operation the decisions file is for" };
        var reviewDecide = new Command("decide", "decide a review task (confirm one candidate, reject all, or send back to identify), one or a file of them")
        {
            reviewId, decision, reason, candidate, decisionsFile, decideOperation,
        };
        reviewDecide.SetAction((p, ct) => Run(p, ct, async (db, _, actor) =>
        {
            if (p.GetValue(decisionsFile) is { } file)
            {
                if (p.GetValue(decideOperation) is not { } op) throw new ConcordException(new InvalidRequestError("--operation", "a decisions file is decided for one operation: name it"));
                var r = await ReviewDecisions.FromFileAsync(db, actor, file, op, ct);
                return Done(p, r, $"{r.Source}: {r.Decisions} decisions; candidates confirmed {r.Confirmed}, rejected {r.Rejected}; sent back to identify {r.NeedsIdentification}");
            }
            if (p.GetValue(reviewId) is not { } id || p.GetValue(decision) is not { } verdict)
                throw new ConcordException(new InvalidRequestError("ID DECISION", "name a task or candidate and the decision, or give --file and --operation"));
            var o = await ReviewDecisions.DecideOneAsync(db, actor, id, verdict, p.GetValue(candidate), p.GetValue(reason), ct);
            return Done(p, new { id, task = o.Task, status = o.Status, confirmed = o.Confirmed, rejected = o.Rejected }, $"{o.Task} {o.Status}"
                + (o.Confirmed is { } c ? $": {c} confirmed" : "") + (o.Rejected > 0 ? $", {o.Rejected} rejected" : ""));
        }));
        root.Subcommands.Add(Group("review", "the identity review queue", reviewList, reviewDecide));

        var custodyDecide = new Command("decide", "sort arrestees by the agreement's custody rules") { operation };
        custodyDecide.SetAction((p, ct) => Run(p, ct, async (db, _, actor) =>
        {
            var s = await DecideCustody.RunAsync(db, actor, p.GetValue(operation)!, ct);
            return Done(p, s, $"decided {s.Decided} ({string.Join(", ", s.ByAgency.Select(kv => $"{kv.Key} {kv.Value}"))}); awaiting review {s.AwaitingReview}; items routed {s.ItemsRouted}");
        }));
        var personId = new Argument<Guid>("PERSON") { Description = "person id" };
        var custodyTo = new Option<string>("--to") { Required = true, Description = "agency taking custody" };
        var port = new Option<string?>("--port") { Description = "border port" };
        var custodyResolve = new Command("resolve", "decide an exception by hand") { personId, custodyTo, port, reason };
        custodyResolve.SetAction((p, ct) => Run(p, ct, async (db, _, actor) =>
        {
            await DecideCustody.ResolveAsync(db, actor, p.GetValue(personId), p.GetValue(custodyTo)!, p.GetValue(port), p.GetValue(reason), ct);
            return Done(p, new { id = p.GetValue(personId) }, "decided");
        }));
        root.Subcommands.Add(Group("custody", "jurisdiction sorting", custodyDecide, custodyResolve));

        var hTo = new Option<string>("--to") { Required = true, Description = "receiving agency" };
        var hPort = new Option<string>("--port") { Required = true, Description = "border port" };
        var hDate = new Option<string>("--date") { Required = true, Description = "YYYY-MM-DD" };
        var plan = new Command("plan", "build the manifest of persons and items due to an agency") { operation, hTo, hPort, hDate };
        plan.SetAction((p, ct) => Run(p, ct, async (db, _, actor) =>
        {
            if (!DateOnly.TryParseExact(p.GetValue(hDate), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                throw new ConcordException(new InvalidRequestError("--date", $"'{p.GetValue(hDate)}' is not a date (YYYY-MM-DD)"));
            var h = await Handovers.PlanAsync(db, actor, p.GetValue(operation)!, p.GetValue(hTo)!, p.GetValue(hPort)!, date, ct);
            return Done(p, new { id = h.Id, persons = h.Persons.Count, items = h.Items.Count }, h.Id.ToString());
        }));
        var handoverId = new Argument<Guid>("ID") { Description = "handover id" };
        var dispatch = new Command("dispatch", "dispatch a planned handover") { handoverId };
        dispatch.SetAction((p, ct) => Run(p, ct, async (db, _, actor) =>
        {
            var h = await Handovers.DispatchAsync(db, actor, p.GetValue(handoverId), ct);
            return Done(p, new { id = h.Id, state = "dispatched" }, $"{h.Id} dispatched");
        }));
        var receiveAll = new Option<bool>("--all") { Description = "everything still pending was received" };
        var receiveFile = new Option<string?>("--file") { Description = "receipt CSV: kind,ref,status[,sha256,note]" };
        var receive = new Command("receive", "enter the receipt at the port") { handoverId, receiveAll, receiveFile };
        receive.SetAction((p, ct) => Run(p, ct, async (db, _, actor) =>
        {
            var file = p.GetValue(receiveFile);
            if (file is null && !p.GetValue(receiveAll)) throw new ConcordException(new InvalidRequestError("--all|--file", "say --all or give a receipt --file"));
            var lines = file is null ? [] : Handovers.ReadReceipt(file);
            var h = await Handovers.ReceiveAsync(db, actor, p.GetValue(handoverId), lines, p.GetValue(receiveAll), Path.GetFileName(file ?? ""), ct);
            var s = await Handovers.SummarizeAsync(db, h, ct);
            return Done(p, s, $"{s.State}: persons received {s.PersonsReceived}/{s.Persons} (missing {s.PersonsMissing}, disputed {s.PersonsDisputed}); items received {s.ItemsReceived}/{s.Items}; open discrepancies {s.OpenDiscrepancies}"
                + (s.AwaitingHash.Count == 0 ? "" : $"; still needing the SHA-256 read at the port: {string.Join(", ", s.AwaitingHash)}"));
        }));
        var refOption = new Option<string>("--ref") { Required = true, Description = "roster no or item no" };
        var note = new Option<string>("--note") { Required = true, Description = "how it was resolved" };
        var resolve = new Command("resolve", "close a discrepancy") { handoverId, refOption, note };
        resolve.SetAction((p, ct) => Run(p, ct, async (db, _, actor) =>
        {
            var h = await Handovers.ResolveAsync(db, actor, p.GetValue(handoverId), p.GetValue(refOption)!, p.GetValue(note)!, ct);
            var s = await Handovers.SummarizeAsync(db, h, ct);
            return Done(p, s, $"{s.State}; open discrepancies {s.OpenDiscrepancies}");
        }));
        var show = new Command("show", "a handover's manifest figures") { handoverId };
        show.SetAction((p, ct) => Run(p, ct, async (db, _, actor) =>
        {
            var s = await Handovers.SummarizeAsync(db, await Handovers.FindAsync(db, actor, p.GetValue(handoverId), ct), ct);
            return Done(p, s, string.Create(CultureInfo.InvariantCulture, $"{s.Operation}: {s.From} -> {s.To} at {s.Port} on {s.Date:yyyy-MM-dd}, {s.State}; persons {s.Persons}, items {s.Items} ({s.Units} units)"));
        }));
        var receiptPaper = new Option<bool>("--receipt") { Description = "the receipt (as checked in at the port) instead of the manifest" };
        var paperOut = new Option<string>("--out") { Required = true, Description = "the file to write: .pdf (A4, both parties' languages) or .xlsx (a sheet per table)" };
        var paperLang = new Option<string>("--lang") { Description = "the workbook's language (.xlsx): en, zh or my", DefaultValueFactory = _ => "en" };
        paperLang.AcceptOnlyFromAmong("en", "zh", "my");
        var print = new Command("print", "the manifest or the receipt as a PDF on A4, in both parties' languages, with a QR code of its digest, or as an Excel workbook")
            { handoverId, receiptPaper, paperOut, paperLang };
        print.SetAction((p, ct) => Run(p, ct, async (db, _, actor) =>
        {
            var path = Path.GetFullPath(p.GetValue(paperOut)!);
            if (path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
            {
                var language = p.GetValue(paperLang)!;
                var (xlsx, _) = await HandoverPaper.WorkbookAsync(db, actor, p.GetValue(handoverId), p.GetValue(receiptPaper), db.ReadsIn(),
                    e => Web.Text.UiText.Translate(e, language), ct);
                await File.WriteAllBytesAsync(path, xlsx, ct);
                return Done(p, new { file = path, bytes = xlsx.Length }, $"{path}: {xlsx.Length} bytes");
            }
            var paper = p.GetValue(receiptPaper)
                ? await HandoverPaper.ReceiptAsync(db, actor, p.GetValue(handoverId), db.ReadsIn(), Web.Text.UiText.Translate, ct)
                : await HandoverPaper.ManifestAsync(db, actor, p.GetValue(handoverId), db.ReadsIn(), Web.Text.UiText.Translate, ct);
            await File.WriteAllBytesAsync(path, paper.Pdf, ct);
            return Done(p, new { file = path, pages = paper.Pages, sha256 = paper.Digest }, $"{path}: {paper.Pages} pages; digest sha256 {paper.Digest}");
        }));
        root.Subcommands.Add(Group("handover", "handovers at border ports", plan, dispatch, receive, resolve, show, print));

        var assignHandover = new Option<Guid>("--handover") { Required = true, Description = "handover id" };
        var assign = new Command("assign", "assign received suspects to provincial bureaus") { assignHandover };
        assign.SetAction((p, ct) => Run(p, ct, async (db, _, actor) =>
        {
            var s = await Assignments.RunAsync(db, actor, p.GetValue(assignHandover), ct);
            return Done(p, s, $"assigned {s.Assigned}; province unknown {s.Unknown}; " + string.Join(", ", s.ByProvince.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value}")));
        }));
        var assignmentId = new Argument<Guid>("ASSIGNMENT") { Description = "assignment id" };
        var bureau = new Option<string>("--bureau") { Required = true, Description = "bureau agency code" };
        var assignBureau = new Command("bureau", "assign a person to a bureau by hand") { assignmentId, bureau };
        assignBureau.SetAction((p, ct) => Run(p, ct, async (db, _, actor) =>
        {
            var a = await Assignments.AssignManuallyAsync(db, actor, p.GetValue(assignmentId), p.GetValue(bureau)!, ct);
            return Done(p, new { id = a.Id }, a.Id.ToString());
        }));
        var escortStatus = new Argument<EscortStatus>("STATUS") { Description = "awaiting, escorting or arrived" };
        var assignEscort = new Command("escort", "record escort status") { assignmentId, escortStatus };
        assignEscort.SetAction((p, ct) => Run(p, ct, async (db, _, actor) =>
        {
            var a = await Assignments.SetEscortAsync(db, actor, p.GetValue(assignmentId), p.GetValue(escortStatus), ct);
            return Done(p, new { id = a.Id, escort = a.Escort }, $"{a.Id} {a.Escort}");
        }));
        var boardOut = new Option<string>("--out") { Required = true, Description = "the .xlsx file to write" };
        var boardLang = new Option<string>("--lang") { Description = "en, zh or my", DefaultValueFactory = _ => "en" };
        boardLang.AcceptOnlyFromAmong("en", "zh", "my");
        var assignExport = new Command("export", "every assignment you see and each bureau's escort counts, as an Excel workbook") { boardOut, boardLang };
        assignExport.SetAction((p, ct) => Run(p, ct, async (db, _, actor) =>
        {
            var path = Path.GetFullPath(p.GetValue(boardOut)!);
            var xlsx = await AssignmentBoard.WorkbookAsync(db, actor, db.ReadsIn(), p.GetValue(boardLang)!, Web.Text.UiText.Translate, ct);
            await File.WriteAllBytesAsync(path, xlsx, ct);
            return Done(p, new { file = path, bytes = xlsx.Length }, $"{path}: {xlsx.Length} bytes");
        }));
        assign.Subcommands.Add(assignBureau);
        assign.Subcommands.Add(assignEscort);
        assign.Subcommands.Add(assignExport);
        root.Subcommands.Add(assign);

        var reportCode = new Argument<string>("CODE") { Description = "operation code" };
        var lang = new Option<string>("--lang") { Description = "en, zh or my", DefaultValueFactory = _ => "en" };
        lang.AcceptOnlyFromAmong("en", "zh", "my");
        var reportXlsx = new Option<string>("--xlsx") { Description = "also write the report as an Excel workbook (a sheet per table) to this file, in --lang" };
        var reportOperation = new Command("operation", "the operation report, every figure from the records") { reportCode, lang, reportXlsx };
        reportOperation.SetAction((p, ct) => Run(p, ct, async (db, target, actor) =>
        {
            // The figures are read where reads go (a standby, with --read-db); the reading is audited on the primary.
            await using var reads = Database.OpenReads(target.ReadsFrom(p.GetValue(ReadDb)));
            var r = await OperationReport.BuildAsync(reads, actor, p.GetValue(reportCode)!, db.ReadsIn(), ct);
            if (p.GetValue(reportXlsx) is { } xlsxPath)
                await File.WriteAllBytesAsync(Path.GetFullPath(xlsxPath), OperationReport.Workbook(r, p.GetValue(lang)!, Web.Text.UiText.Translate), ct);
            return Done(p, r, OperationReport.ToText(r, p.GetValue(lang)!).TrimEnd());
        }));
        var cumulative = new Command("cumulative", "every operation this node holds: arrests, handovers by year and port, provinces, fugitive share") { lang };
        cumulative.SetAction((p, ct) => Run(p, ct, async (db, target, actor) =>
        {
            await using var reads = Database.OpenReads(target.ReadsFrom(p.GetValue(ReadDb)));
            var r = await CumulativeReport.BuildAsync(reads, actor, db.ReadsIn(), ct);
            return Done(p, r, CumulativeReport.ToText(r, p.GetValue(lang)!).TrimEnd());
        }));
        root.Subcommands.Add(Group("report", "reports", reportOperation, cumulative));

        var keyAgency = new Argument<string>("AGENCY") { Description = "agency code" };
        var keyName = new Option<string>("--name") { Description = "what the key is for", DefaultValueFactory = _ => "api" };
        var keyRoles = new Option<string[]>("--role") { Required = true, AllowMultipleArgumentsPerToken = true, Description = $"the roles the key acts in, one or more of: {string.Join(", ", RoleTable.KeyRoles)}" };
        var keyOwner = new Option<string>("--owner") { Required = true, Description = "the named service user or office that answers for the program holding the key" };
        var keyExpires = new Option<DateTime?>("--expires") { Description = "the day (UTC) after which the key is refused; none: until revoked" };
        var agencyKey = new Command("key", "create an API key for an agency (printed once)") { keyAgency, keyName, keyRoles, keyOwner, keyExpires };
        agencyKey.SetAction((p, ct) => Run(p, ct, async (db, _, actor) =>
        {
            var expires = p.GetValue(keyExpires) is { } day ? DateTime.SpecifyKind(day.Date.AddDays(1), DateTimeKind.Utc) : (DateTime?)null;
            var (key, secret) = await ApiKeys.CreateAsync(db, actor, p.GetValue(keyAgency)!, p.GetValue(keyName)!, ct,
                p.GetValue(keyRoles)!.SelectMany(r => r.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList(), p.GetValue(keyOwner), expires);
            return Done(p, new { id = key.Id, key = secret, roles = key.Roles, owner = key.Owner, expires_at = key.ExpiresAt }, secret);
        }));
        var agencyKeys = new Command("keys", "list the API keys (never their secrets): agency, name, owner, roles, made, expiry, revoked");
        agencyKeys.SetAction((p, ct) => Run(p, ct, async (db, _, actor) =>
        {
            var keys = await ApiKeys.ListAsync(db, actor, ct);
            return Done(p, keys, string.Join('\n', keys.Select(k => string.Create(CultureInfo.InvariantCulture,
                $"{k.Id}  {k.Agency,-7} {k.Name,-16} owner {k.Owner ?? "-"}  roles {string.Join(',', k.Roles)}  made {k.CreatedAt:yyyy-MM-dd}  {(k.Revoked ? "revoked" : k.ExpiresAt is { } e ? $"expires {e:yyyy-MM-dd HH:mm}" : "no expiry")}"))));
        }));
        var revokeId = new Argument<Guid>("ID") { Description = "the key's id (concord agency keys)" };
        var agencyRevoke = new Command("revoke", "revoke an API key: refused from the next second on") { revokeId };
        agencyRevoke.SetAction((p, ct) => Run(p, ct, async (db, _, actor) =>
        {
            await ApiKeys.RevokeAsync(db, actor, p.GetValue(revokeId), ct);
            return Done(p, new { id = p.GetValue(revokeId), revoked = true }, $"{p.GetValue(revokeId)}: revoked");
        }));
        var addCode = new Argument<string>("CODE") { Description = "the agency's code (e.g. MM-MPF)" };
        var addName = new Option<string>("--name") { Required = true, Description = "the agency's name" };
        var addCountry = new Option<string?>("--country") { Description = "its country, ISO 3166 alpha-3 (e.g. MMR)" };
        var agencyAdd = new Command("add", "register an agency this node hosts (a node of its own starts with none)") { addCode, addName, addCountry };
        agencyAdd.SetAction((p, ct) => Run(p, ct, async (db, _, actor) =>
        {
            var a = await Core.Features.Agencies.AddAsync(db, actor, p.GetValue(addCode)!, p.GetValue(addName)!, p.GetValue(addCountry), ct);
            return Done(p, new { id = a.Id, code = a.Code, name = a.Name, country = a.Country }, $"{a.Code}: {a.Name}{(a.Country is null ? "" : $" ({a.Country})")}");
        }));
        root.Subcommands.Add(Group("agency", "agencies", agencyAdd, agencyKey, agencyKeys, agencyRevoke));

        var keyFile = new Option<string?>("--key") { Description = $"the node's audit signing key file (default ${AuditKey.FileVariable}, else ~/.config/concord/audit-signing.key; ${AuditKey.Variable} may hold the key itself)" };
        var auditKeyName = new Option<string>("--name") { Description = "the key's name, as partners will know it", DefaultValueFactory = _ => $"concord.{Environment.MachineName.ToLowerInvariant()}/audit" };
        var auditKey = new Command("key", "make the node's audit signing key (kept apart from the database) and print its verifier key for partners") { keyFile, auditKeyName };
        auditKey.SetAction((p, ct) => Run(p, ct, (_, _, _) =>
        {
            var (key, path) = AuditKey.Create(p.GetValue(auditKeyName)!, p.GetValue(keyFile));
            using (key) return Task.FromResult(Done(p, new { path, verifier_key = key.VerifierKey }, $"{path}: signing key written (owner only)\n{key.VerifierKey}"));
        }, schema: false));

        var checkpoint = new Command("checkpoint", "sign the audit trail's Merkle root with the node's key, keep the checkpoint and queue it for every partner node to witness (printed: hand it to partners without a node)") { keyFile };
        checkpoint.SetAction((p, ct) => Run(p, ct, async (db, _, actor) =>
        {
            using var key = AuditKey.Load(p.GetValue(keyFile))
                ?? throw new ConcordException(new ConflictError($"{AuditKey.PathOf(p.GetValue(keyFile))}: no signing key; make one with: concord audit key"));
            var (row, partners) = await Witness.CheckpointAsync(db, actor, key, ct);
            return Done(p, new { tree_size = row.TreeSize, root = row.RootHash, note = row.Note, partners },
                row.Note.TrimEnd() + (partners > 0 ? $"\nqueued for {partners} partner node(s) to witness" : ""));
        }));

        var verifierKey = new Option<string?>("--verifier-key") { Description = "the node's verifier key (name+id+key), as a partner holds it; default: the signing key's" };
        var handedIn = new Option<string[]>("--checkpoint") { Description = "a checkpoint file kept by a partner, checked with the node's own", AllowMultipleArgumentsPerToken = true };
        var verify = new Command("verify", "verify the audit trail: each entry against the one before it, every checkpoint's signature, the entries it covers, and checkpoints against each other") { keyFile, verifierKey, handedIn };
        verify.SetAction((p, ct) => Run(p, ct, async (_, target, _) =>
        {
            using var key = p.GetValue(verifierKey) is { } text ? AuditKey.Parse(text, "--verifier-key") : AuditKey.Load(p.GetValue(keyFile));
            var notes = new List<string>();
            foreach (var file in p.GetValue(handedIn) ?? [])
            {
                try { notes.Add(await File.ReadAllTextAsync(file, ct)); }
                catch (IOException e) { throw new ConcordException(new InvalidRequestError("--checkpoint", $"{file}: {e.Message}")); }
            }
            // A walk over the whole trail: on a standby, with --read-db, it takes nothing from the primary.
            await using var reads = Database.OpenReads(target.ReadsFrom(p.GetValue(ReadDb)));
            // The checkpoints partners cosigned are checked with the node's own: a trail rewritten behind one shows.
            notes.AddRange(await Witness.CosignedNotesAsync(reads, ct));
            var witnessed = await Witness.LatestAsync(reads, ct);
            var r = await AuditCheckpoints.VerifyAsync(reads, key, notes, ct);
            var json = new
            {
                intact = r.Intact,
                entries = r.Entries,
                checkpoints = r.CheckpointsChecked,
                checked_up_to = r.CheckedUpTo,
                signatures_checked = key is not null,
                witnessed = witnessed.Select(w => new { node = w.Node, tree_size = w.TreeSize, root = w.RootHash, at = w.At }),
                problems = r.Problems.Select(x => new { kind = x.Kind, entry = x.Entry, message = x.Message }),
            };
            if (!r.Intact)
            {
                if (p.GetValue(Json)) Output.WriteJson(json);
                else foreach (var problem in r.Problems) Console.Error.WriteLine($"audit trail: {problem.Message}");
                return 3;
            }
            var summary = string.Create(CultureInfo.InvariantCulture, $"audit trail intact: {r.Entries} entries") + (key is null
                ? $"; checkpoints not checked: no key (concord audit key, or --verifier-key)"
                : string.Create(CultureInfo.InvariantCulture, $"; {r.CheckpointsChecked} signed checkpoints agree, the newest covering {r.CheckedUpTo ?? 0} entries"))
                + string.Concat(witnessed.Select(w => string.Create(CultureInfo.InvariantCulture, $"\nwitnessed by {w.Node}: the first {w.TreeSize} entries, cosigned {w.At:yyyy-MM-dd HH:mm}Z")));
            return Done(p, json, summary);
        }));
        root.Subcommands.Add(Group("audit", "the audit trail", auditKey, checkpoint, verify));

        var backupOut = new Option<string>("--out") { Required = true, Description = "the backup file; its manifest is written beside it (FILE.manifest.json)" };
        var backup = new Command("backup", "an online, consistent backup of the node (SQLite: VACUUM INTO; PostgreSQL: pg_dump from one snapshot) with a manifest of every table's rows and hash and the audit head") { backupOut };
        backup.SetAction((p, ct) => Run(p, ct, async (_, target, actor) =>
        {
            var m = await Backup.WriteAsync(target, actor, p.GetValue(backupOut)!, ct);
            return Done(p, m, string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFullPath(p.GetValue(backupOut)!)}: {m.Tables.Count} tables, {m.Rows} rows, audit trail to entry {m.AuditHeadSequence} ({m.AuditHeadHash[..12]}); manifest {Backup.ManifestOf(Path.GetFullPath(p.GetValue(backupOut)!))}"));
        }));
        root.Subcommands.Add(backup);

        var restoreFile = new Argument<string>("FILE") { Description = "a backup made by concord backup (its manifest beside it)" };
        var restore = new Command("restore", "restore a backup into an empty database (--db) and check every table, every hash and the audit head against its manifest; a restore that differs is undone") { restoreFile };
        restore.SetAction((p, ct) => Run(p, ct, async (_, target, _) =>
        {
            var m = await Backup.RestoreAsync(p.GetValue(restoreFile)!, target, ct);
            return Done(p, m, string.Create(CultureInfo.InvariantCulture,
                $"restored into {target.Describe()} and checked: {m.Tables.Count} tables, {m.Rows} rows and the audit head (entry {m.AuditHeadSequence}) match the manifest"));
        }, schema: false));
        root.Subcommands.Add(restore);

        root.Subcommands.Add(IndexCommands.Build());
        foreach (var command in FederationCommands.Build()) root.Subcommands.Add(command);
        foreach (var command in CaseCommands.Build()) root.Subcommands.Add(command);
        root.Subcommands.Add(UserCommands.Build());
        root.Subcommands.Add(DemoCommands.Build(Db, Json));
        root.Subcommands.Add(EvalCommands.Build(Json));
        root.Subcommands.Add(ServeCommand.Build(Db, ReadDb));
        return root;
    }

    private static void WriteTask(ReviewQueue.TaskView t)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{t.Id}  {string.Join('+', t.RosterNos)}  {t.Kind}  [{t.Status}{(t.Outcome is { } o ? " " + o : "")}]"));
        Console.WriteLine($"    arrested:  {Describe(t.Arrested)}");
        if (t.Kind == "needs-identification")
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {t.Namesakes} namesake(s) on {string.Join(", ", t.NamesakeLists.Select(n => $"{n.List}{(n.Agency is null ? "" : " " + n.Agency)} {n.Count}"))}; collect: {string.Join(", ", t.Settle.Select(x => x.Field))}"));
        else if (t.Settle.Count > 0)
            Console.WriteLine($"    would settle it: {string.Join(", ", t.Settle.Select(x => $"{x.Field} {x.State}"))}");
        foreach (var i in t.Candidates)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {i.Id}  {i.Candidate.List} {i.Candidate.Id}  score {i.Score:0.00}  [{i.Status}]"));
            if (i.CandidateIdentity is { } c) Console.WriteLine($"    candidate: {Describe(c)}");
            foreach (var e in i.Evidence) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {e.Weight,6:+0.00;-0.00}  {e.Text}"));
        }
    }

    private static string Describe(ReviewQueue.IdentityView v) =>
        string.Join(" / ", v.Names) + (v.Aliases.Count > 0 ? $" (alias {string.Join(", ", v.Aliases)})" : "")
        + $"; {v.Sex ?? "?"}; born {v.BirthDate ?? "?"}; {v.Nationality ?? "?"}"
        + string.Concat(v.Documents.Select(d => $"; {d.Type} {d.Number}"))
        + (v.Flags is null ? "" : $" [{v.Flags}]");

    private static int ConsentDone(ParseResult p, Consents.Line c) => Done(p, c, ConsentText(c));

    private static string ConsentText(Consents.Line c) =>
        $"{c.Id} {c.Status.ToString().ToLowerInvariant()}: lead {c.Lead} ({c.Handling}) of {c.Originator}, asked by {c.RequestedBy} for {c.To}"
        + (c.Reason is null ? "" : $"; reason: {c.Reason}") + (c.Answer is null ? "" : $"; answer: {c.Answer}");

    internal static Command Group(string name, string description, params Command[] children)
    {
        var c = new Command(name, description);
        foreach (var child in children) c.Subcommands.Add(child);
        return c;
    }

    internal static Command ImportCommand(string description, Func<ConcordDbContext, Actor, string, ParseResult, CancellationToken, Task<ImportResult>> import)
    {
        var file = new Argument<string>("FILE") { Description = "the file to import" };
        var c = new Command("import", description) { file };
        // An import is all or nothing and keyed by its file's hash, so one cut by a failover is run again whole.
        c.SetAction((p, ct) => Run(p, ct, async (_, target, actor) =>
            Imported(p, await Failover.RetryAsync(target, db => import(db, actor, p.GetValue(file)!, p, ct), FailoverPatience, ct))));
        return c;
    }

    private static int Imported(ParseResult p, ImportResult r) => Done(p, r, (r.AlreadyImported
        ? $"{r.Id}\n{r.File}: already imported, nothing changed"
        : r.Kind.EndsWith("update", StringComparison.Ordinal)
            ? $"{r.Id}\n{r.File}: {r.Rows} rows, {r.Added} added, {r.Changed} changed, {r.Withdrawn} withdrawn, {r.Unchanged} unchanged"
            : $"{r.Id}\n{r.File}: {r.Rows} rows, {r.Added} added, {r.Unchanged} unchanged")
        + (r.ReadAs is null ? "" : $"\nread as {r.ReadAs}"));

    internal static int Done<T>(ParseResult p, T json, string text)
    {
        if (p.GetValue(Json)) Output.WriteJson(json);
        else Console.Out.WriteLine(text);
        return 0;
    }

    /// <param name="schema">false only for the commands that create or upgrade the schema; every other command refuses a database of another version.</param>
    internal static async Task<int> Run(ParseResult p, CancellationToken ct, Func<ConcordDbContext, DatabaseTarget, Actor, Task<int>> action, bool schema = true)
    {
        var target = DatabaseTarget.Resolve(p.GetValue(Db));
        try
        {
            await using var db = Database.Open(target);
            if (schema) await Database.CheckSchemaAsync(target, db, ct);
            return await action(db, target, Actor.Operator());
        }
        catch (ConcordException e)
        {
            Fail(p, e.Error);
            return e.Error is NotFoundError ? 4 : 2;
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException or IOException or UnauthorizedAccessException)
        {
            Fail(p, new ConflictError($"database {target.Describe()}: {e.Message}"));
            return 5;
        }
    }

    private static void Fail(ParseResult p, ConcordError error)
    {
        if (p.GetValue(Json))
        {
            var problems = error is InvalidInputError ii ? ii.Problems.Select(x => new { file = x.File, row = x.Row, column = x.Column, detail = x.Detail }).ToArray() : null;
            Output.WriteJson(new { error = error.Message, kind = error.GetType().Name, problems });
        }
        Console.Error.WriteLine($"concord: {error.Message}");
    }
}
