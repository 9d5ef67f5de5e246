#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Fuzzes the readers of outside files with libFuzzer (tests/fuzz; not run in CI).
#   scripts/fuzz/run.sh [MINUTES_PER_TARGET] [TARGET...]     (default 3 minutes, every target)
# Configures build-fuzz/ with clang and -DTIMBRE_FUZZ=ON when it is not configured yet, builds
# fuzz_<target> there (JOBS compile jobs, default 1), then runs each target in turn for the
# minutes given, on build-fuzz/corpus/<target> seeded from tests/fuzz/corpus/<target>, with
# tests/fuzz/dict/<target>.dict as dictionary when there is one; FUZZ_FLAGS adds libFuzzer
# flags (e.g. FUZZ_FLAGS=-max_len=12000). Inputs that crash, leak, time out or run out of
# memory go to build-fuzz/crashes/<target>/, logs to build-fuzz/logs/<target>.log. A crash
# stops that target's run. Ends with one table row per target: wall time, runs, exec/s,
# coverage (cov: edges, ft: features), corpus size, crashes.
# Minimise a crash with  build-fuzz/tests/fuzz/fuzz_<target> -minimize_crash=1 -runs=20000 FILE
# and add it to tests/fuzz/corpus/<target>/ as crash-<what>, so fuzz_replay_<target> replays it.
set -euo pipefail
cd "$(dirname "$0")/../.."
minutes=${1:-3}
shift || true
all=(npy npz labels_csv activity_csv audacity_labels labels_json feature_file midi filter decoder
     checkpoint)
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=("${all[@]}")
build=${BUILD_DIR:-build-fuzz}

if [[ ! -f "$build/CMakeCache.txt" ]]; then
  nice -n 19 cmake -S . -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTIMBRE_FUZZ=ON >"$build.configure.log" 2>&1 \
    || { tail -n 30 "$build.configure.log"; exit 1; }
fi
mkdir -p "$build/logs"
nice -n 19 cmake --build "$build" -j "${JOBS:-1}" --target "${targets[@]/#/fuzz_}" \
  >"$build/logs/build.log" 2>&1 || { tail -n 30 "$build/logs/build.log"; exit 1; }

mkdir -p "$build/tmp"
export TMPDIR=$PWD/$build/tmp # the targets' input files (FuzzFiles.h)
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
rows=()
for t in "${targets[@]}"; do
  corpus=$build/corpus/$t
  crashes=$build/crashes/$t
  mkdir -p "$corpus" "$crashes"
  cp -n tests/fuzz/corpus/"$t"/* "$corpus"/ 2>/dev/null || true
  log=$build/logs/$t.log
  dict=()
  [[ -f tests/fuzz/dict/$t.dict ]] && dict=(-dict="tests/fuzz/dict/$t.dict")
  echo "== fuzz_$t: $minutes min"
  start=$(date +%s)
  stamp=$build/tmp/started-$t
  touch "$stamp"
  set +e
  nice -n 19 "$build/tests/fuzz/fuzz_$t" -max_total_time=$((minutes * 60)) -rss_limit_mb=2048 \
    -timeout=10 -print_final_stats=1 -artifact_prefix="$crashes/" "${dict[@]}" ${FUZZ_FLAGS:-} \
    "$corpus" >"$log" 2>&1
  status=$?
  set -e
  wall=$(($(date +%s) - start))
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  files=$(find "$corpus" -type f | wc -l)
  bytes=$(du -sk --apparent-size "$corpus" | cut -f1)
  found=$(find "$crashes" -type f -newer "$stamp" | wc -l) # this run's, not earlier ones'
  what=""
  if [[ $status -ne 0 ]]; then
    what=$(grep -m1 -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|fuzz invariant failed|ASSERT' "$log" || echo "exit $status")
    tail -n 40 "$log"
  fi
  rows+=("| $t | ${wall}s | ${runs:-?} | ${speed:-?} | ${cov:-?} | ${ft:-?} | $files files, ${bytes} KiB | $found ${what:+($what)} |")
done

echo
echo "| target | wall | runs | exec/s | cov | ft | corpus | crashes |"
echo "|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
