#!/usr/bin/env bash
# The Muse-style operation through the command line, as a node operator and the officers would run it, each command
# timed: agreement, lead, wanted list, operation, roster, seizures, match, the reviewer's decisions (one file, made
# from the scenario's truth: confirm the true fugitive and target, reject the rest, leave persons to identify open),
# custody, handover plan, dispatch, receipt, assignment and report.
#   bench/flow/muse-flow.sh CONCORD SCENARIO_DIR [each]
# CONCORD: the command (e.g. /opt/concord/concord); SCENARIO_DIR: from `concord demo generate`; "each" decides the
# queue one command per proposal, as before `review decide --file` (for an older build).
set -euo pipefail
concord=$1 scenario=$2 mode=${3:-file}
work=$(mktemp -d /tmp/concord-flow.XXXXXX)
export CONCORD_DB=$work/concord.db
op=DEMO-OP
total=0
step() {
  local name=$1; shift
  local start end
  start=$(date +%s.%N)
  "$@" >"$work/out" 2>"$work/err" || { echo "$name failed:"; cat "$work/err"; exit 1; }
  end=$(date +%s.%N)
  local s; s=$(echo "$end - $start" | bc)
  total=$(echo "$total + $s" | bc)
  printf '%-28s %6.2f s\n' "$name" "$s"
}
step init "$concord" init
step "agreement import" "$concord" agreement import "$scenario/agreement.json"
agreement_code=$(sed -n 's/^ *"code": *"\([^"]*\)".*/\1/p' "$scenario/agreement.json" | head -1)
step "agreement accept CN" "$concord" agreement accept "$agreement_code" --agency CN-MPS
step "agreement accept MM" "$concord" agreement accept "$agreement_code" --agency MM-MPF
step "lead import" "$concord" lead import --code DEMO-LEAD --from CN-MPS --to MM-MPF --handling H3 --dens "$scenario/dens.csv" --targets "$scenario/lead-targets.csv"
step "wanted import" "$concord" wanted import "$scenario/wanted.csv" --agency CN-MPS
step "operation create" "$concord" operation create $op --lead DEMO-LEAD --agency MM-MPF
step "roster import" "$concord" roster import "$scenario/roster.csv" --operation $op
step "seizures import" "$concord" seizures import "$scenario/seizures.csv" --operation $op
step match "$concord" match --operation $op
cat "$work/out"
step "review list" "$concord" review list --operation $op --json
cp "$work/out" "$work/queue.json"
python3 - "$work/queue.json" "$scenario/truth.json" "$work/decisions.csv" "$mode" >"$work/summary" <<'PY'
import csv, json, sys
queue, truth = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
true = {(frozenset(r), w) for r, w in truth["fugitive_pairs"]} | {(frozenset(r), t) for r, t, _ in truth["target_pairs"]}
def right(rosters, ref): return any(ref == c and set(rosters) & set(r) for r, c in true)
rows, tasks, identify = [], 0, 0
for t in queue:
    if "candidates" in t:  # review tasks
        tasks += 1
        if t["kind"] == "needs-identification": identify += 1; continue
        hit = next((c for c in t["candidates"] if right(t["roster_nos"], c["candidate"]["id"])), None)
        rows.append((t["id"], "confirm", hit["id"], "truth") if hit else (t["id"], "reject", "", "not the person"))
    else:  # one proposal an item (older builds)
        tasks += 1
        rows.append((t["id"], "confirm" if right(t["roster_nos"], t["candidate"]["id"]) else "reject", "", ""))
with open(sys.argv[3], "w", newline="") as f:
    w = csv.writer(f); w.writerow(["id", "decision", "candidate", "reason"]); w.writerows(rows)
print(f"{tasks} review tasks ({identify} to identify), {len(rows)} decisions")
PY
cat "$work/summary"
if [[ $mode == each ]]; then
  start=$(date +%s.%N)
  tail -n +2 "$work/decisions.csv" | while IFS=, read -r id decision _ _; do "$concord" review decide "$id" "$decision" >/dev/null; done
  s=$(echo "$(date +%s.%N) - $start" | bc); total=$(echo "$total + $s" | bc)
  printf '%-28s %6.2f s\n' "review decide (each)" "$s"
else
  step "review decide --file" "$concord" review decide --file "$work/decisions.csv" --operation $op
fi
step "custody decide" "$concord" custody decide --operation $op
step "handover plan" "$concord" handover plan --operation $op --to CN-MPS --port Ruili --date 2024-03-31 --json
handover=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$work/out")
step "handover dispatch" "$concord" handover dispatch "$handover"
step "handover receive" "$concord" handover receive "$handover" --all --json
# "Rest received" never covers an item with a recorded hash: the port officer enters the hash read from each one it names.
python3 - "$work/out" "$scenario/seizures.csv" "$work/receipt.csv" <<'PY'
import csv, json, sys
waiting = set(json.load(open(sys.argv[1]))["awaiting_hash"])
with open(sys.argv[3], "w") as out:
    out.write("kind,ref,status,sha256\n")
    for row in csv.DictReader(open(sys.argv[2], encoding="utf-8")):
        if row["item_no"] in waiting: out.write(f"item,{row['item_no']},received,{row['sha256']}\n")
PY
step "handover receive hashes" "$concord" handover receive "$handover" --file "$work/receipt.csv"
step assign "$concord" assign --handover "$handover"
step "report operation" "$concord" report operation $op
printf '%-28s %6.2f s\n' "all commands" "$total"
rm -rf "$work"
