#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Sharded extraction and prediction as Slurm job arrays on a one-node Slurm started on this
# machine (scripts/cluster/slurm_local.sh), checked against one process doing the same work:
#
#   1. renders a corpus (`timbre synth`), catalogs it twice: ARRAY (the array's library) and
#      SINGLE (one process's), imports the shipped starter model into both;
#   2. extraction as `sbatch --array=0-3%2`: four tasks, at most two at once, each
#      `timbre extract LIB` with its shard taken from SLURM_ARRAY_TASK_ID / _COUNT; task 1's
#      timbre is killed with SIGKILL (no chance to clean up, as when a node dies) while it works;
#   3. `timbre jobs LIB --missing extract` writes what is not done; a retry array of two tasks
#      runs `timbre extract LIB --tracks MANIFEST` (each takes its half of the manifest);
#   4. prediction as `sbatch --array=0-3%2` of `timbre predict --library LIB`;
#   5. SINGLE: `timbre extract` and `timbre predict --library` in one process each;
#   6. compares the two: every feature file byte for byte (by track path), every score.
#
# With THROUGHPUT=1 it then times extraction of a library of COPIES (10) copies of the corpus
# (--force) as arrays of 1, 2 and 4 tasks, one thread each, and prints the table of
# docs/BENCHMARKS.md.
#
# Usage: bash scripts/cluster/array_demo.sh        (as root; the log is $WORK/demo.log)
# Settings: WORK (default /tmp/timbre-array), CLIPS (96), SECONDS_PER_CLIP (30),
# EXTRACTOR (cnn), TIMBRE (build/app/cli/timbre), THROUGHPUT (0).
# Exit codes: 0 the union equals the single run; 1 a difference or a failed step; 3 Slurm cannot
# run here (slurm_local.sh says why).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
TIMBRE=$(realpath "${TIMBRE:-build/app/cli/timbre}")
WORK=${WORK:-/tmp/timbre-array}
CLIPS=${CLIPS:-96}
SECONDS_PER_CLIP=${SECONDS_PER_CLIP:-30}
EXTRACTOR=${EXTRACTOR:-cnn}
THROUGHPUT=${THROUGHPUT:-0}
ARRAY=$WORK/array
SINGLE=$WORK/single
LOGS=$WORK/slurm

[ -x "$TIMBRE" ] || { echo "array-demo: no $TIMBRE (build it: bash scripts/build.sh timbre)" >&2; exit 1; }
rm -rf "$WORK"
mkdir -p "$WORK" "$LOGS"
exec > >(tee "$WORK/demo.log") 2>&1
say() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
fail() { say "FAILED: $*"; exit 1; }

say "array demo at commit $(git -C "$ROOT" rev-parse --short HEAD), $(nproc) cores, work $WORK"

# --- 1. corpus and the two libraries --------------------------------------------------------
"$TIMBRE" synth --out "$WORK/corpus" --clips "$CLIPS" --seconds "$SECONDS_PER_CLIP" --seed 11 \
  --no-stems --quiet
for lib in "$ARRAY" "$SINGLE"; do
  "$TIMBRE" library init "$lib" > /dev/null
  "$TIMBRE" library scan "$lib" "$WORK/corpus/mixes" --quiet > /dev/null
  "$TIMBRE" labels import "$lib" "$WORK/corpus/labels.csv" > /dev/null
  "$TIMBRE" models "$lib" --import-starter > /dev/null
done
say "corpus: $CLIPS clips of $SECONDS_PER_CLIP s; libraries $ARRAY and $SINGLE: $("$TIMBRE" library status "$ARRAY" | head -n 1)"

# --- Slurm ----------------------------------------------------------------------------------
set +e
slurm_env=$(bash scripts/cluster/slurm_local.sh start)
rc=$?
set -e
if [ "$rc" -ne 0 ]; then
  say "Slurm cannot run here (exit $rc); see the line above"
  exit "$rc"
fi
eval "$slurm_env"
trap 'bash "$ROOT/scripts/cluster/slurm_local.sh" stop > /dev/null 2>&1 || true' EXIT
say "slurm: $(sinfo -h -o '%P %D nodes %c cpus %t' | head -n 1)"

# One batch script for every array: the shard comes from Slurm's variables inside `timbre`.
cat > "$WORK/timbre.sbatch" <<EOF
#!/bin/bash
#SBATCH --cpus-per-task=1
#SBATCH --output=$LOGS/%x-%A_%a.out
# The arguments after the script name are timbre's: extract LIB ... or predict --library LIB.
echo "task \$SLURM_ARRAY_TASK_ID of \$SLURM_ARRAY_TASK_COUNT on \$(hostname -s), \$(date -u +%T)"
# In the background only so that the demo can SIGKILL this task's timbre, as a node failure would.
"$TIMBRE" "\$@" &
echo \$! > "$LOGS/pid-\$SLURM_JOB_ID"
wait \$!
status=\$?
echo "exit \$status at \$(date -u +%T)"
exit \$status
EOF

submit() { # name array extra-sbatch-args... -- timbre-args...
  local name=$1 array=$2
  shift 2
  sbatch --parsable --job-name="$name" --array="$array" "$WORK/timbre.sbatch" "$@"
}

# Accounting is off on the one-node cluster, so the tasks' states come from slurmctld's memory
# of finished jobs (MinJobAge, 300 s by default).
task_table() { # jobid
  scontrol -o show job "$1" | while read -r line; do
    field() { grep -o "\b$1=[^ ]*" <<< "$line" | head -n 1 | cut -d= -f2-; }
    printf '  task %s: %s, exit %s, ran %s\n' "$(field ArrayTaskId)" "$(field JobState)" \
      "$(field ExitCode)" "$(field RunTime)"
  done | sort
}

show_logs() { # jobid name
  for f in "$LOGS/$2-$1"_*.out; do
    [ -e "$f" ] || continue
    echo "  --- $(basename "$f")"
    sed 's/^/  | /' "$f"
  done
}

missing_count() { # lib what
  "$TIMBRE" jobs "$1" --missing "$2" --extractor "$EXTRACTOR" --out "$WORK/missing-$2.tsv" \
    2> /dev/null
  grep -vc '^#' "$WORK/missing-$2.tsv" || true
}

# --- 2. extraction array, one task killed ---------------------------------------------------
t0=$SECONDS
job=$(submit extract 0-3%2 extract "$ARRAY" --extractor "$EXTRACTOR" --threads 1)
say "submitted extraction array $job: sbatch --array=0-3%2 timbre.sbatch extract LIB --extractor $EXTRACTOR --threads 1"
# Kill task 1 once it has stored some of its tracks but not all: its tracks are the manifest of
# shard 1/4 (`timbre jobs --missing --shard`), its features appear as files.
"$TIMBRE" jobs "$ARRAY" --missing extract --extractor "$EXTRACTOR" --shard 1/4 \
  --out "$WORK/shard1.tsv" 2> /dev/null
mine=$(grep -v '^#' "$WORK/shard1.tsv" | cut -f1)
echo "$mine" > "$WORK/shard1.ids"
# One find per poll, not one per track: a task extracts a track in well under a second, and a
# slow poll on a busy machine let task 1 finish before it was killed.
done_of_task1() {
  find "$ARRAY/features" -name '*.tfeat' -printf '%f\n' 2> /dev/null | sed 's/\.tfeat$//' \
    | grep -c -x -F -f "$WORK/shard1.ids" || true
}
while [ -z "$(squeue -h -j "${job}_1" -t RUNNING 2> /dev/null || true)" ]; do
  [ -z "$(squeue -h -j "${job}_1" 2> /dev/null || true)" ] && fail "task 1 ended before it could be killed"
  sleep 0.1
done
while [ "$(done_of_task1)" -lt 5 ]; do
  [ -z "$(squeue -h -j "${job}_1" 2> /dev/null || true)" ] && break
  sleep 0.05
done
task1=$(squeue -h -j "${job}_1" -o %A)
kill -KILL "$(cat "$LOGS/pid-$task1" 2> /dev/null)" 2> /dev/null \
  || fail "task 1 had ended before the kill; raise CLIPS or SECONDS_PER_CLIP"
say "killed task ${job}_1 (timbre, pid $(cat "$LOGS/pid-$task1")) with SIGKILL after $(done_of_task1) of its $(echo "$mine" | wc -w) tracks"
while [ -n "$(squeue -h -j "$job" 2> /dev/null || true)" ]; do sleep 0.5; done
say "extraction array done in $((SECONDS - t0)) s; per task:"
task_table "$job"
show_logs "$job" extract

left=$(missing_count "$ARRAY" extract)
say "timbre jobs LIB --missing extract: $left tracks not done, all of the killed task's; $(done_of_task1) of them have their feature file but no catalog row (rows are committed in batches; the retry adopts such a file after checking it, without decoding again)"
[ "$left" -gt 0 ] || fail "the killed task had finished already; nothing to retry (raise CLIPS)"
sed -n '1,3p' "$WORK/missing-extract.tsv" | sed 's/^/  /'
# No partial file stays behind a SIGKILL: features are written under a temporary name and renamed.
stray=$(find "$ARRAY/features" -type f ! -name '*.tfeat' | wc -l)
say "files other than finished .tfeat in the feature store: $stray"
[ "$stray" -eq 0 ] || fail "partial files left in the feature store"

# --- 3. retry array over the manifest -------------------------------------------------------
retry=$(submit extract-retry 0-1 extract "$ARRAY" --extractor "$EXTRACTOR" --threads 1 \
  --tracks "$WORK/missing-extract.tsv")
say "submitted retry array $retry: sbatch --array=0-1 ... extract LIB --tracks missing-extract.tsv"
while [ -n "$(squeue -h -j "$retry" 2> /dev/null || true)" ]; do sleep 0.5; done
task_table "$retry"
show_logs "$retry" extract-retry
left=$(missing_count "$ARRAY" extract)
say "after the retry: $left tracks missing features; the retry tasks $(grep -ho 'adopted=[0-9]* extracted=[0-9]*' "$LOGS/extract-retry-$retry"_*.out | tr '\n' ' ')"
[ "$left" -eq 0 ] || fail "$left tracks still miss features"

# --- 4. prediction array --------------------------------------------------------------------
pjob=$(submit predict 0-3%2 predict --library "$ARRAY")
say "submitted prediction array $pjob: sbatch --array=0-3%2 timbre.sbatch predict --library LIB"
while [ -n "$(squeue -h -j "$pjob" 2> /dev/null || true)" ]; do sleep 0.5; done
task_table "$pjob"
show_logs "$pjob" predict
left=$(missing_count "$ARRAY" predict)
say "timbre jobs LIB --missing predict: $left tracks not scored; $("$TIMBRE" library status "$ARRAY" | grep '^models')"
[ "$left" -eq 0 ] || fail "$left tracks not scored"
"$TIMBRE" library status "$ARRAY" | grep -q 'scored=yes$' || fail "no whole prediction run recorded"
echo "  prediction runs (id, shard, finished):"
sqlite3 "$ARRAY/catalog.sqlite" \
  "SELECT id, CASE shard WHEN '' THEN '(whole)' ELSE shard END, finished_ms IS NOT NULL FROM prediction_run ORDER BY id" \
  | sed 's/^/    /'

# --- 5. one process -------------------------------------------------------------------------
t0=$SECONDS
"$TIMBRE" extract "$SINGLE" --extractor "$EXTRACTOR" --threads 1 --quiet | sed 's/^/  /'
"$TIMBRE" predict --library "$SINGLE" | sed 's/^/  /'
say "single process: extract and predict in $((SECONDS - t0)) s"

# --- 6. compare -----------------------------------------------------------------------------
feature_sums() { # lib -> "path sha256" lines
  sqlite3 -separator ' ' "$1/catalog.sqlite" "SELECT id, path FROM track ORDER BY path" |
    while read -r id path; do
      f=$(find "$1/features" -name "$id.tfeat" | head -n 1)
      [ -n "$f" ] || { echo "$path MISSING"; continue; }
      echo "$path $(sha256sum < "$f" | cut -c1-64)"
    done
}
feature_sums "$ARRAY" > "$WORK/features-array.txt"
feature_sums "$SINGLE" > "$WORK/features-single.txt"
n=$(wc -l < "$WORK/features-single.txt")
if cmp -s "$WORK/features-array.txt" "$WORK/features-single.txt"; then
  say "features: all $n files identical byte for byte (sha256 by track path)"
else
  diff "$WORK/features-array.txt" "$WORK/features-single.txt" | head -n 10
  fail "feature files differ"
fi
scores() { # lib -> "path instrument score" lines of the active model
  sqlite3 -separator ' ' "$1/catalog.sqlite" \
    "SELECT t.path, i.key, printf('%.9g', p.score) FROM prediction p
       JOIN clip c ON c.id = p.clip_id JOIN track t ON t.id = c.track_id
       JOIN instrument i ON i.id = p.instrument_id
      WHERE p.model_id = (SELECT MAX(id) FROM model) ORDER BY t.path, i.key"
}
scores "$ARRAY" > "$WORK/scores-array.txt"
scores "$SINGLE" > "$WORK/scores-single.txt"
n=$(wc -l < "$WORK/scores-single.txt")
# Same clips and instruments in the same order, and the same scores up to float rounding: a
# shard scores other bags in one batch than the whole run, and where a bag's rows fall in the
# batch decides which BLAS kernel path (block edge or not) multiplies them, which moves the
# last bits (measured: at most 2.4e-7 absolute, 2.8e-6 relative).
worst=$(paste -d ' ' "$WORK/scores-array.txt" "$WORK/scores-single.txt" | awk '
  $1 != $4 || $2 != $5 { print "mismatch"; exit }
  { d = $3 - $6; if (d < 0) d = -d; s = ($6 > 1e-6 ? $6 : 1e-6); if (d / s > w) w = d / s }
  END { printf "%.2g\n", w }')
if [ "$n" -gt 0 ] && [ "$(wc -l < "$WORK/scores-array.txt")" = "$n" ] && [ "$worst" != mismatch ] \
  && awk -v w="$worst" 'BEGIN { exit !(w < 1e-5) }'; then
  if cmp -s "$WORK/scores-array.txt" "$WORK/scores-single.txt"; then
    say "predictions: all $n scores identical (9 significant digits)"
  else
    say "predictions: all $n scores agree to float rounding (largest relative difference $worst)"
  fi
else
  diff "$WORK/scores-array.txt" "$WORK/scores-single.txt" | head -n 10 || true
  fail "scores differ ($n in the single run; largest relative difference $worst)"
fi
say "the union of the array tasks equals one process"

# --- throughput (optional) ------------------------------------------------------------------
# A library of COPIES copies of the corpus (about a minute of work for one task), so that
# Slurm's start-up of a task (about a second here) does not decide the figures.
if [ "$THROUGHPUT" = 1 ]; then
  BENCH=$WORK/bench
  for k in $(seq 1 "${COPIES:-10}"); do
    mkdir -p "$WORK/bench-audio/copy$k"
    cp "$WORK/corpus/mixes"/* "$WORK/bench-audio/copy$k/"
  done
  "$TIMBRE" library init "$BENCH" > /dev/null
  "$TIMBRE" library scan "$BENCH" "$WORK/bench-audio" --quiet > /dev/null
  audio=$(sqlite3 "$BENCH/catalog.sqlite" "SELECT SUM(duration_s) FROM track")
  tracks=$(sqlite3 "$BENCH/catalog.sqlite" "SELECT COUNT(*) FROM track")
  echo
  echo "| array tasks (1 thread each) | tracks | audio s | wall s (submit to last task done) | tracks/s | x real time |"
  echo "|---:|---:|---:|---:|---:|---:|"
  for n in 1 2 4; do
    start=$(date +%s.%N)
    j=$(submit "bench$n" "0-$((n - 1))" extract "$BENCH" --extractor "$EXTRACTOR" --threads 1 --force --quiet)
    while [ -n "$(squeue -h -j "$j" 2> /dev/null || true)" ]; do sleep 0.2; done
    wall=$(echo "$(date +%s.%N) - $start" | bc -l)
    grep -h '^extract ' "$LOGS/bench$n-${j}"_*.out | sed 's/^/  <!-- /; s/$/ -->/' >&2
    printf '| %d | %d | %.0f | %.1f | %.2f | %.0f |\n' "$n" "$tracks" "$audio" "$wall" \
      "$(echo "$tracks / $wall" | bc -l)" "$(echo "$audio / $wall" | bc -l)"
  done
fi
