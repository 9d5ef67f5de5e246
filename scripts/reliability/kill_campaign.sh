#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Kill campaign (issue 22, item 5): SIGKILL the `timbre` CLI at random moments of its four
# catalog-writing kinds of work and check what a kill leaves behind.
#
#   labels   `timbre labels set` in a loop (the user's edits; LabelStore -> LabelWriter, the same
#            code the workbench's LabelWriteQueue calls, so the GUI's edits need no kill of their own)
#   extract  `timbre extract` after the copy's feature files were deleted (the rows stay)
#   train    `timbre train --warm-start active` (the incremental retrain)
#   predict  `timbre predict --library` of the active version (which has no scores yet)
#
# Each cycle starts the command, sends SIGKILL after a delay drawn uniformly from
# [0, the command's typical duration] (measured here first, median of 3 runs), then checks:
#   (a) PRAGMA integrity_check = ok (and PRAGMA foreign_key_check empty) on catalog.sqlite,
#       read with python3's sqlite3 before any timbre process opens the copy again;
#   (b) every edit the label loop logged as acknowledged (exit 0 and its output line) is in the
#       catalog: its batch with its history row, and the pair's current value;
#   (c) the active version's checkpoint loads (`timbre predict --model CKPT --features` on one
#       clip's features) and every registered version's checkpoint file exists;
#   (d) a resumed job does not redo finished work: extract must not rewrite a feature file that
#       was complete at the kill; predict reports clips scored by the killed run that the
#       resumed run scored again; train is "resumed = started over" by design (docs §4.2).
# A failure of (a), (b) or (c) stops the campaign (STOP_ON_FAILURE=1) and keeps the copy.
#
# Usage: scripts/reliability/kill_campaign.sh            (from anywhere; runs under nice -n 10)
# Settings (environment): WORK (run folder, default a new /tmp/kill_campaign.*), KILLS_PER_KIND
# (250), BUDGET_S (2400: wall-clock seconds for all kills; what a kind leaves goes to the next),
# KINDS ("labels extract train predict"), CLIPS (40), CLIP_SECONDS (5), SEED (1),
# BUILD_DIR (build), REV (the binaries' commit, for the header), STOP_ON_FAILURE (1), TRAIN_RESUME_EVERY (5: resume every Nth killed train).
# Output: a markdown table on stdout; every cycle in $WORK/cycles.tsv, the narrative in
# $WORK/campaign.log. Nothing is written into the repository.
set -euo pipefail
RELIABILITY_NAME=kill_campaign
source "$(dirname "$0")/common.sh"
KILLS_PER_KIND=${KILLS_PER_KIND:-250}
BUDGET_S=${BUDGET_S:-2400}
KINDS=${KINDS:-"labels extract train predict"}
CLIPS=${CLIPS:-40}
CLIP_SECONDS=${CLIP_SECONDS:-5}
SEED=${SEED:-1}
STOP_ON_FAILURE=${STOP_ON_FAILURE:-1}
TRAIN_RESUME_EVERY=${TRAIN_RESUME_EVERY:-5}
LOG=$WORK/campaign.log
TSV=$WORK/cycles.tsv
CHECK=$WORK/check.py
RANDOM=$SEED # the kill delays are reproducible for a given SEED

[ -x "$TIMBRE" ] || { echo "kill_campaign: no $TIMBRE (build the timbre target first)" >&2; exit 2; }
log() { echo "[$(date -u +%H:%M:%S)] $*" >>"$LOG"; }
say() { echo "$*" >&2; log "$*"; }

# Whatever is running when the script stops (Ctrl-C, a failed check) is ours to end.
CHILD=""
# shellcheck disable=SC2317 # called by the trap
cleanup() {
  if [ -n "$CHILD" ]; then
    kill -9 -- "-$CHILD" 2>/dev/null || kill -9 "$CHILD" 2>/dev/null || true
  fi
}
trap cleanup EXIT

# ---------------------------------------------------------------------------------------------
# The checks, in python3's standard library (sqlite3): no sqlite3 binary, no timbre process.
cat >"$CHECK" <<'PY'
import json, os, sqlite3, sys

def connect(lib):
    # A plain read-write connection, as the next timbre process would open it: it replays the
    # WAL the killed process left. The checks themselves only read.
    return sqlite3.connect(os.path.join(lib, "catalog.sqlite"), timeout=30)

def integrity(lib):
    db = connect(lib)
    rows = [r[0] for r in db.execute("PRAGMA integrity_check")]
    fk = db.execute("PRAGMA foreign_key_check").fetchall()
    db.close()
    ok = rows == ["ok"]
    print("integrity=%s fk=%d" % ("ok" if ok else "FAILED", len(fk)))
    if not ok:
        print("detail=" + " | ".join(rows[:5]))
    if fk:
        print("fkdetail=" + repr(fk[:5]))

def models(lib):
    # Registered versions, the active one, checkpoints that are missing, the train job's hidden
    # staging files and checkpoints no row names (a kill between rename and row).
    db = connect(lib)
    rows = db.execute("SELECT id, checkpoint_file, active FROM model ORDER BY id").fetchall()
    db.close()
    mdir = os.path.join(lib, "models")
    files = set(os.listdir(mdir)) if os.path.isdir(mdir) else set()
    named = {r[1] for r in rows}
    missing = [r[0] for r in rows if not r[1] or r[1] not in files]
    staging = [f for f in files if f.startswith(".")]
    orphans = [f for f in files if not f.startswith(".") and f.endswith(".ckpt") and f not in named]
    active = [r for r in rows if r[2] == 1]
    print("models=%d active=%s active_ckpt=%s missing_ckpt=%d staging=%d orphans=%d" % (
        len(rows), active[0][0] if active else "-",
        os.path.join(mdir, active[0][1]) if active else "-", len(missing), len(staging),
        len(orphans)))

def labels(lib, pristine, attempts_path, acked_path):
    # attempts: "SEQ PATH INSTRUMENT VALUE" before each command; acked: the same plus the
    # command's output line, written only after it exited 0.
    db = connect(lib)
    inst = dict(db.execute("SELECT key, id FROM instrument"))
    clip = dict(db.execute("SELECT t.path, c.id FROM clip c JOIN track t ON t.id = c.track_id "
                           "WHERE c.end_s IS NULL"))
    current = {(c, i): v for c, i, v in db.execute("SELECT clip_id, instrument_id, value FROM label")}
    hist = {}
    for b, c, i, v in db.execute("SELECT batch_id, clip_id, instrument_id, new_value FROM label_history"):
        hist.setdefault(b, set()).add((c, i, v))
    batches = {r[0] for r in db.execute("SELECT id FROM label_batch")}
    db.close()
    db = connect(pristine)
    initial = {(c, i): v for c, i, v in db.execute("SELECT clip_id, instrument_id, value FROM label")}
    db.close()
    val = {"present": 1, "absent": 0, "unknown": None}
    attempts = {}
    with open(attempts_path) as f:
        for line in f:
            p = line.split()
            if len(p) == 4:
                attempts[int(p[0])] = (p[1], p[2], p[3])
    acked = {}
    with open(acked_path) as f:
        for line in f:
            p = line.split()
            if len(p) >= 5 and p[4] == "set":
                batch = [x for x in p if x.startswith("batch=")]
                acked[int(p[0])] = int(batch[0][6:]) if batch else -1
    lost = []
    # Each acknowledged edit that changed something has its batch and its history row.
    for seq, batch in acked.items():
        path, key, value = attempts[seq]
        pair = (clip[path], inst[key])
        if batch < 0:
            lost.append("seq %d: no batch= in its output" % seq)
        elif batch > 0 and (batch not in batches
                            or (pair[0], pair[1], val[value]) not in hist.get(batch, set())):
            lost.append("seq %d: batch %d (%s %s=%s) not in the catalog" % (seq, batch, path, key, value))
    # The current value of every pair is its last acknowledged one (else the imported one), or
    # that of an edit started after it whose command was killed (it may have committed).
    allowed = {}
    for seq in sorted(attempts):
        path, key, value = attempts[seq]
        pair = (clip[path], inst[key])
        if seq in acked:
            allowed[pair] = {val[value]}
        else:
            allowed.setdefault(pair, {initial.get(pair)}).add(val[value])
    for pair, values in allowed.items():
        if current.get(pair) not in values:
            lost.append("pair %s: value %s, expected one of %s" % (pair, current.get(pair), values))
    print("acked=%d lost=%d" % (len(acked), len(lost)))
    for l in lost[:10]:
        print("lostdetail=" + l)

def fsnap(lib, key, out):
    # Complete feature files (written by rename: a visible *.tfeat is whole) and their inodes.
    root = os.path.join(lib, "features", key)
    snap = {}
    for d, _, files in os.walk(root):
        for f in files:
            if f.endswith(".tfeat"):
                st = os.stat(os.path.join(d, f))
                snap[os.path.relpath(os.path.join(d, f), root)] = [st.st_ino, st.st_mtime_ns]
    json.dump(snap, open(out, "w"))
    print("files=%d" % len(snap))

def fcompare(lib, key, snap_path):
    snap = json.load(open(snap_path))
    root = os.path.join(lib, "features", key)
    rewritten = missing = 0
    for rel, (ino, mtime) in snap.items():
        p = os.path.join(root, rel)
        if not os.path.exists(p):
            missing += 1
            continue
        st = os.stat(p)
        if st.st_ino != ino or st.st_mtime_ns != mtime:
            rewritten += 1
    now = sum(1 for _, _, fs in os.walk(root) for f in fs if f.endswith(".tfeat"))
    print("before=%d rewritten=%d vanished=%d now=%d" % (len(snap), rewritten, missing, now))

def lastjob(lib):
    db = connect(lib)
    r = db.execute("SELECT id, kind, state, done, total, result FROM job ORDER BY id DESC LIMIT 1").fetchone()
    db.close()
    if not r:
        print("job=none")
        return
    res = json.loads(r[5] or "{}")
    keys = ("tracks", "fresh", "adopted", "extracted", "failed", "clips", "reused", "epochs",
            "modelId")
    print("job=%d kind=%s state=%s done=%d total=%d %s" % (r[0], r[1], r[2], r[3], r[4],
          " ".join("%s=%s" % (k, res[k]) for k in keys if k in res)))

def jobstate(lib):
    # The newest job as the killed process left it (before `timbre jobs` marks it interrupted).
    db = connect(lib)
    r = db.execute("SELECT id, state, done FROM job ORDER BY id DESC LIMIT 1").fetchone()
    db.close()
    print("job=%s state=%s done=%s" % (r if r else ("none", "none", 0)))

def predictions(lib):
    # The active version's scores (clips with any, clips whose row count differs from the
    # others: half a clip written) and its newest run.
    db = connect(lib)
    mid = db.execute("SELECT id FROM model WHERE active = 1").fetchone()[0]
    per_clip = [n for (n,) in db.execute(
        "SELECT count(*) FROM prediction WHERE model_id = ? GROUP BY clip_id", (mid,))]
    run = db.execute("SELECT id, finished_ms FROM prediction_run WHERE model_id = ? "
                     "ORDER BY id DESC LIMIT 1", (mid,)).fetchone()
    clips = db.execute("SELECT count(*) FROM clip").fetchone()[0]
    db.close()
    ragged = sum(1 for n in per_clip if n != max(per_clip))
    print("committed=%d ragged=%d clips=%d run=%s finished=%s" % (len(per_clip), ragged, clips,
          run[0] if run else "-", "yes" if run and run[1] else "no"))

def tracks(lib, n):
    db = connect(lib)
    for (p,) in db.execute("SELECT t.path FROM clip c JOIN track t ON t.id = c.track_id "
                           "WHERE c.end_s IS NULL ORDER BY c.id LIMIT ?", (int(n),)):
        print(p)
    db.close()

def instruments(lib, n):
    db = connect(lib)
    for (k,) in db.execute("SELECT key FROM instrument ORDER BY position LIMIT ?", (int(n),)):
        print(k)
    db.close()

def summary(tsv):
    kinds = {}
    with open(tsv) as f:
        head = f.readline().rstrip("\n").split("\t")
        for line in f:
            r = dict(zip(head, line.rstrip("\n").split("\t")))
            kinds.setdefault(r["kind"], []).append(r)
    print("| kind | cycles | kills (process alive at SIGKILL) | typical s | mean delay s | s per cycle | integrity failures | FK violations | lost acked edits | model-load failures | redone work | counts |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    total = killed = 0
    for kind, rows in kinds.items():
        n = len(rows)
        num = lambda k: sum(float(r[k]) for r in rows)
        total += n
        killed += int(num("killed"))
        notes = {}
        for r in rows:
            for part in r["notes"].split(","):
                if part and "=" in part:
                    k, v = part.split("=", 1)
                    try:
                        notes[k] = notes.get(k, 0) + int(v)
                    except ValueError:
                        pass
        print("| %s | %d | %d | %.2f | %.2f | %.2f | %d | %d | %d | %d | %s | %s |" % (
            kind, n, int(num("killed")), num("typical_s") / n, num("delay_s") / n, num("cycle_s") / n,
            int(num("integrity_fail")), int(num("fk")), int(num("lost")), int(num("model_fail")),
            rows[0]["redone_unit"] % int(num("redone")) if "%" in rows[0]["redone_unit"] else rows[0]["redone_unit"],
            ", ".join("%s %d" % kv for kv in sorted(notes.items()))))
    print("| **all** | **%d** | **%d** | | | | | | | | | |" % (total, killed))

if __name__ == "__main__":
    try:
        globals()[sys.argv[1]](*sys.argv[2:])
    except Exception as e:  # a malformed catalog is a finding, not a crash of the campaign
        print("integrity=FAILED exception=%s" % repr(e).replace(" ", "_"))
PY

kv() { # kv KEY "k=v k=v ..." -> v
  local key=$1 line=$2 part
  for part in $line; do
    [ "${part%%=*}" = "$key" ] && { echo "${part#*=}"; return; }
  done
  echo ""
}
now() { echo "$EPOCHREALTIME"; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }
# A delay drawn uniformly from [0, $1] seconds into DELAY: 30 random bits from bash's seeded
# RANDOM, drawn in this shell (a $(...) subshell would repeat the parent's sequence).
draw_delay() {
  local r=$(( RANDOM * 32768 + RANDOM ))
  DELAY=$(awk -v r="$r" -v t="$1" 'BEGIN { printf "%.3f", r / 1073741824 * t }')
}
median3() { printf '%s\n' "$@" | sort -g | sed -n 2p; }

# ---------------------------------------------------------------------------------------------
# The library, built once: a small synthetic corpus (CLIPS clips of CLIP_SECONDS s, the four mix
# formats), scanned, its labels imported, a fifth held out, melstat features, a Mean Teacher
# trained from scratch (v1) and scored, then a warm-started v2, active and not yet scored (so a
# killed predict leaves a measurable part of v2's scores).
PRISTINE=$WORK/pristine
if [ ! -f "$PRISTINE/.ready" ]; then
  rm -rf "$PRISTINE" "$WORK/corpus"
  say "building the library in $PRISTINE ($CLIPS clips of $CLIP_SECONDS s)"
  start=$(now)
  {
    "$TIMBRE" synth --out "$WORK/corpus" --clips "$CLIPS" --seconds "$CLIP_SECONDS" --seed 7 \
      --observed 1.0 --no-stems --quiet
    "$TIMBRE" library init "$PRISTINE"
    "$TIMBRE" library scan "$PRISTINE" "$WORK/corpus/mixes" --quiet
    "$TIMBRE" labels import "$PRISTINE" "$WORK/corpus/labels.csv"
    "$TIMBRE" library split "$PRISTINE" --test-fraction 0.2 --seed 7
    "$TIMBRE" extract "$PRISTINE" --extractor melstat --quiet
    "$TIMBRE" train --library "$PRISTINE" --model mt --epochs 20 --seed 7 --quiet \
      --note "kill campaign starter"
    "$TIMBRE" predict --library "$PRISTINE" --quiet
    "$TIMBRE" train --library "$PRISTINE" --model mt --warm-start active --seed 8 --quiet \
      --note "kill campaign v2"
    "$TIMBRE" library status "$PRISTINE" | grep -v '^instrument '
  } >>"$LOG" 2>&1 || { say "building the library failed; see $LOG"; exit 1; }
  # One clip's melstat matrix as .npy: what check (c) scores with the active checkpoint.
  probe_mix=$(find "$WORK/corpus/mixes" -type f -name '*.wav' | sort | head -n 1)
  "$TIMBRE" features "$probe_mix" --write "$WORK/probe" >>"$LOG" 2>&1
  touch "$PRISTINE/.ready"
  say "library built in $(elapsed "$start") s"
fi
PROBE=$(find "$WORK/probe" -name '*.npy' | sort | head -n 1)
FEATURE_KEY=melstat-v1
mapfile -t LABEL_TRACKS < <(python3 "$CHECK" tracks "$PRISTINE" 10)
mapfile -t LABEL_INSTRUMENTS < <(python3 "$CHECK" instruments "$PRISTINE" 5)

fresh_copy() { # fresh_copy DEST: the pristine library, copied whole (catalog, WAL, files)
  rm -rf "$1"
  cp -a "$PRISTINE" "$1"
}

# (c): the catalog's active version has a checkpoint that the model engine loads and that
# scores one clip; every registered version's file exists. Prints "ok" or why not.
model_check() {
  local lib=$1 m ckpt
  m=$(python3 "$CHECK" models "$lib")
  ckpt=$(kv active_ckpt "$m")
  if [ "$(kv missing_ckpt "$m")" != 0 ]; then echo "missing-checkpoint"; return; fi
  if [ "$ckpt" = "-" ]; then echo "no-active"; return; fi
  if "$TIMBRE" predict --model "$ckpt" --features "$PROBE" --out "$WORK/probe.csv" \
      >>"$WORK/model_check.log" 2>&1 && [ "$(wc -l <"$WORK/probe.csv")" -ge 2 ]; then
    echo ok
  else
    echo "load-failed"
  fi
}

# The label loop, its own process group so that one SIGKILL ends the loop and the `timbre`
# it is running. An edit is acknowledged (logged to acked) only after timbre exited 0.
cat >"$WORK/label_loop.sh" <<'SH'
#!/usr/bin/env bash
# label_loop.sh TIMBRE LIB ATTEMPTS ACKED FIRST_SEQ COUNT SEED TRACKS_FILE INSTRUMENTS_FILE
timbre=$1 lib=$2 attempts=$3 acked=$4 seq=$5 count=$6
RANDOM=$7
mapfile -t tracks <"$8"
mapfile -t instruments <"$9"
values=(present absent unknown)
for ((i = 0; i < count; i++, seq++)); do
  t=${tracks[RANDOM % ${#tracks[@]}]}
  k=${instruments[RANDOM % ${#instruments[@]}]}
  v=${values[RANDOM % 3]}
  echo "$seq $t $k $v" >>"$attempts"
  if out=$("$timbre" labels set "$lib" --track "$t" --instrument "$k" --value "$v" --author kill 2>/dev/null); then
    echo "$seq $t $k $v $out" >>"$acked"
  fi
done
SH
printf '%s\n' "${LABEL_TRACKS[@]}" >"$WORK/label_tracks.txt"
printf '%s\n' "${LABEL_INSTRUMENTS[@]}" >"$WORK/label_instruments.txt"
LOOP_EDITS=4 # the delay is drawn over the typical duration of 4 edits

# run_killed DELAY CMD...: starts CMD in its own process group, SIGKILLs the group after DELAY
# seconds (unless it ended first) and reaps it. Sets KILLED=1 if the kill hit a live process.
run_killed() {
  local delay=$1
  shift
  # A background child of this (non-interactive) shell is no group leader, so setsid makes it
  # one without forking: $! is then the pid and the process group of what runs.
  setsid "$@" >>"$WORK/killed.log" 2>&1 &
  CHILD=$!
  sleep "$delay"
  KILLED=0
  if kill -0 "$CHILD" 2>/dev/null; then
    kill -9 -- "-$CHILD" 2>/dev/null || kill -9 "$CHILD" 2>/dev/null || true
    KILLED=1
  fi
  { wait "$CHILD"; } 2>/dev/null || true
  # Nothing of the group may outlive the cycle (it would write into the next check).
  # (Zombies do not count: the loop's children are reaped by init once their parent is gone.)
  local alive
  alive=$(ps -eo pid=,pgid=,stat=,comm= | awk -v g="$CHILD" '$2 == g && $3 !~ /^Z/')
  if [ -n "$alive" ]; then
    log "process group $CHILD survived its SIGKILL: $(tr '\n' ';' <<<"$alive")"
    kill -9 -- "-$CHILD" 2>/dev/null || true
    sleep 0.2
  fi
  CHILD=""
}

# The command line each kind kills, into the array CMD, on library $2 (the label loop: sequence
# numbers from $3, its random seed $4).
set_command() {
  local kind=$1 lib=$2 seq=${3:-0} seed=${4:-1}
  case $kind in
    # Four times the edits the delay is drawn for: the kill always lands inside the loop.
    labels) CMD=(bash "$WORK/label_loop.sh" "$TIMBRE" "$lib" "$WORK/attempts.log" "$WORK/acked.log"
                 "$seq" "$(( 4 * LOOP_EDITS ))" "$seed" "$WORK/label_tracks.txt" "$WORK/label_instruments.txt") ;;
    extract) CMD=("$TIMBRE" extract "$lib" --extractor melstat --quiet) ;;
    train) CMD=("$TIMBRE" train --library "$lib" --model mt --warm-start active --seed 9 --quiet) ;;
    predict) CMD=("$TIMBRE" predict --library "$lib" --batch 4 --quiet) ;;
  esac
}

prepare_copy() { # the state each kind's command starts from
  local kind=$1 lib=$2
  fresh_copy "$lib"
  if [ "$kind" = extract ]; then
    rm -rf "$lib/features/$FEATURE_KEY" # rows kept: the run re-extracts, the resume adopts
  fi
}

# Typical duration of each kind's command: the median of three complete runs on fresh copies.
measure() {
  local kind=$1 lib=$WORK/measure times=() i start
  for i in 1 2 3; do
    prepare_copy "$kind" "$lib"
    if [ "$kind" = labels ]; then
      : >"$WORK/measure_attempts.log"
      start=$(now)
      bash "$WORK/label_loop.sh" "$TIMBRE" "$lib" "$WORK/measure_attempts.log" "$WORK/measure_acked.log" \
        0 "$LOOP_EDITS" "$i" "$WORK/label_tracks.txt" "$WORK/label_instruments.txt"
    else
      set_command "$kind" "$lib"
      start=$(now)
      "${CMD[@]}" >>"$LOG" 2>&1
    fi
    times+=("$(elapsed "$start")")
  done
  rm -rf "$lib"
  median3 "${times[@]}"
}

# Self-test of the killing: a 5 s sleep must die at 0.2 s, as a process group we own.
t0=$(now)
run_killed 0.2 sleep 5
if [ "$KILLED" != 1 ] || awk -v e="$(elapsed "$t0")" 'BEGIN { exit !(e > 2) }'; then
  say "kill self-test failed (setsid forked? KILLED=$KILLED)"
  exit 2
fi

printf 'kind\tcycle\ttypical_s\tdelay_s\tkilled\tcycle_s\tintegrity_fail\tfk\tlost\tmodel_fail\tredone\tredone_unit\tnotes\n' >"$TSV"
: >"$WORK/attempts.log"
: >"$WORK/acked.log"
LABEL_LIB=$WORK/labels-lib
fresh_copy "$LABEL_LIB"
SEQ=1
ACKED_PREV=0
LOST_PREV=0
CAMPAIGN_START=$(now)
nkinds=$(wc -w <<<"$KINDS")
kinds_done=0
failed_stop=0

for kind in $KINDS; do
  typical=$(measure "$kind")
  left=$(awk -v b="$BUDGET_S" -v e="$(elapsed "$CAMPAIGN_START")" 'BEGIN { printf "%d", b - e }')
  kind_budget=$(( left / (nkinds - kinds_done) ))
  kinds_done=$(( kinds_done + 1 ))
  say "kind $kind: typical ${typical} s, budget ${kind_budget} s for up to $KILLS_PER_KIND kills"
  kind_start=$(now)
  cycle=0
  while [ "$cycle" -lt "$KILLS_PER_KIND" ]; do
    if awk -v e="$(elapsed "$kind_start")" -v b="$kind_budget" 'BEGIN { exit !(e >= b) }'; then
      say "kind $kind: budget spent after $cycle kills"
      break
    fi
    cycle=$(( cycle + 1 ))
    cstart=$(now)
    draw_delay "$typical"
    delay=$DELAY
    notes=""
    redone=0
    lost=0
    if [ "$kind" = labels ]; then
      lib=$LABEL_LIB # edits accumulate in one copy
      set_command labels "$lib" "$SEQ" "$RANDOM"
      run_killed "$delay" "${CMD[@]}"
      SEQ=$(( SEQ + 4 * LOOP_EDITS ))
      unit="n/a (one transaction per edit)"
    else
      lib=$WORK/cycle-$kind
      prepare_copy "$kind" "$lib"
      before=""
      [ "$kind" = predict ] && before=$(python3 "$CHECK" predictions "$lib")
      set_command "$kind" "$lib"
      run_killed "$delay" "${CMD[@]}"
    fi
    # (a) before anything of ours opens the catalog again.
    integ=$(python3 "$CHECK" integrity "$lib")
    ifail=0
    [ "$(kv integrity "$integ")" = ok ] || ifail=1
    fk=$(kv fk "$integ")
    case $kind in
      labels)
        # The check covers every edit so far; the table counts what this cycle added.
        l=$(python3 "$CHECK" labels "$lib" "$PRISTINE" "$WORK/attempts.log" "$WORK/acked.log")
        lost_all=$(kv lost "$(head -n 1 <<<"$l")")
        lost_all=${lost_all:-$(( LOST_PREV + 1 ))} # no answer: the check itself failed, see the log
        acked_all=$(kv acked "$(head -n 1 <<<"$l")")
        lost=$(( lost_all > LOST_PREV ? lost_all - LOST_PREV : 0 ))
        [ "$lost" = 0 ] || log "labels cycle $cycle: $l"
        notes="acked=$(( ${acked_all:-$ACKED_PREV} - ACKED_PREV ))"
        LOST_PREV=$lost_all
        ACKED_PREV=${acked_all:-$ACKED_PREV}
        ;;
      extract)
        snap=$(python3 "$CHECK" fsnap "$lib" "$FEATURE_KEY" "$WORK/fsnap.json")
        resumed=$("$TIMBRE" jobs "$lib" --resume 2>>"$WORK/resume.log" || true)
        if ! grep -q '^resumed ' <<<"$resumed"; then
          # Killed before its job row was written, or after it finished: a plain rerun.
          "$TIMBRE" extract "$lib" --extractor melstat --quiet >>"$WORK/resume.log" 2>&1 || true
          notes="rerun=1"
        else
          notes="resumed=1"
        fi
        cmp=$(python3 "$CHECK" fcompare "$lib" "$FEATURE_KEY" "$WORK/fsnap.json")
        job=$(python3 "$CHECK" lastjob "$lib")
        redone=$(kv rewritten "$cmp")
        n_before=$(kv files "$snap")
        n_before=${n_before:-0}
        # A complete file must come back as fresh or adopted, never as extracted.
        extracted=$(kv extracted "$job")
        tracks=$(kv tracks "$job")
        tracks=${tracks:-0}
        failedn=$(kv failed "$job")
        failedn=${failedn:-0}
        if [ -n "$extracted" ] && [ $(( tracks - extracted - failedn )) -lt "$n_before" ]; then
          redone=$(( n_before - (tracks - extracted - failedn) ))
        fi
        [ "$(kv now "$cmp")" = "$tracks" ] || notes="$notes,incomplete_after_resume=1"
        notes="$notes,complete_at_kill=$n_before"
        unit="%d feature files re-extracted"
        log "extract cycle $cycle: delay $delay killed=$KILLED $snap | $cmp | $job"
        ;;
      train)
        st=$(python3 "$CHECK" jobstate "$lib")
        m=$(python3 "$CHECK" models "$lib")
        m_count=$(kv models "$m")
        notes="new_version=$(( ${m_count:-2} - 2 )),staging_left=$(kv staging "$m"),orphan_ckpt=$(kv orphans "$m")"
        if [ "$TRAIN_RESUME_EVERY" -gt 0 ] && [ $(( cycle % TRAIN_RESUME_EVERY )) = 0 ]; then
          resumed=$("$TIMBRE" jobs "$lib" --resume 2>>"$WORK/resume.log" || true)
          if grep -q '^resumed .* finished' <<<"$resumed"; then
            notes="$notes,resumed_ok=1"
            # The resumed train's first step sweeps what the killed one left (staging files of
            # ended processes; unregistered checkpoints once a minute old, so not here).
            m2=$(python3 "$CHECK" models "$lib")
            notes="$notes,staging_after_resume=$(kv staging "$m2")"
            redone=$(( redone + $(kv "done" "$st") ))
          elif grep -q '^resumed ' <<<"$resumed"; then
            notes="$notes,resume_failed=1"
          fi
          log "train cycle $cycle: resume: $resumed"
        fi
        unit="%d finished epochs run again by resumes (as the job row saw them: progress is written at most once a second); by design a resumed train starts over"
        log "train cycle $cycle: delay $delay killed=$KILLED $st | $m"
        ;;
      predict)
        after=$(python3 "$CHECK" predictions "$lib")
        committed=$(kv committed "$after")
        committed=${committed:-0}
        clips=$(kv clips "$after")
        # A chunk of 4 clips is one transaction: whole chunks (or every clip), no clip half written.
        if [ "$(kv ragged "$after")" != 0 ] || { [ $(( committed % 4 )) != 0 ] && [ "$committed" != "$clips" ]; }; then
          notes="partial_chunk=1"
          ifail=1
        fi
        if [ "$(kv finished "$after")" = yes ]; then
          notes="$notes,finished_before_kill=1"
        else
          resumed=$("$TIMBRE" jobs "$lib" --resume 2>>"$WORK/resume.log" || true)
          if grep -q '^resumed ' <<<"$resumed"; then
            job=$(python3 "$CHECK" lastjob "$lib")
            # The resumed run continues the killed one: it counts the clips it kept as reused.
            total_clips=$(kv clips "$job")
            reused=$(kv reused "$job")
            rescored=$(( ${total_clips:-0} - ${reused:-0} ))
            # Clips the killed run had committed that the resumed run scored again.
            redone=$(( committed - (clips - rescored) ))
            [ "$redone" -ge 0 ] || redone=0
            notes="$notes,resumed=1"
            [ "$(kv finished "$(python3 "$CHECK" predictions "$lib")")" = yes ] || notes="$notes,unfinished_after_resume=1"
          else
            notes="$notes,no_job_row=1"
          fi
        fi
        notes="$notes,committed_clips=$committed"
        unit="%d clips re-scored by resumes"
        log "predict cycle $cycle: delay $delay killed=$KILLED before: $before after: $after ${job:-}"
        job=""
        ;;
    esac
    mc=$(model_check "$lib")
    mfail=0
    [ "$mc" = ok ] || { mfail=1; log "$kind cycle $cycle: model check: $mc"; }
    [ "$KILLED" = 1 ] || notes="${notes:+$notes,}ended_before_kill=1"
    [ "$fk" = 0 ] || log "$kind cycle $cycle: $integ"
    [ "$ifail" = 0 ] || log "$kind cycle $cycle: INTEGRITY: $integ"
    printf '%s\t%d\t%s\t%s\t%d\t%s\t%d\t%s\t%s\t%d\t%d\t%s\t%s\n' "$kind" "$cycle" "$typical" "$delay" \
      "$KILLED" "$(elapsed "$cstart")" "$ifail" "$fk" "$lost" "$mfail" "$redone" "$unit" "${notes#,}" >>"$TSV"
    if [ "$STOP_ON_FAILURE" = 1 ] && { [ "$ifail" != 0 ] || [ "$lost" != 0 ] || [ "$fk" != 0 ] || [ "$mfail" != 0 ]; }; then
      say "STOP: $kind cycle $cycle failed (kept $lib); see $LOG"
      failed_stop=1
      break 2
    fi
    [ "$kind" = labels ] || rm -rf "$lib"
  done
  say "kind $kind: $cycle kills in $(elapsed "$kind_start") s"
done

say "campaign: $(( $(wc -l <"$TSV") - 1 )) kills in $(elapsed "$CAMPAIGN_START") s; log $LOG, cycles $TSV"
# REV names the commit the binaries were built from when BUILD_DIR is not this checkout's.
echo "Kill campaign, ${REV:-checkout HEAD $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')}, $TIMBRE (built $(date -u -r "$TIMBRE" +%FT%TZ)), work dir $WORK"
echo
python3 "$CHECK" summary "$TSV"
exit "$failed_stop"
