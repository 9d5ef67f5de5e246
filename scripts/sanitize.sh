#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds Timbre Workbench with sanitizers and runs the CTest suites under them (docs/RELIABILITY.md).
#
#   scripts/sanitize.sh asan    the whole suite under AddressSanitizer + UndefinedBehaviorSanitizer
#                               + LeakSanitizer, in build-asan/
#   scripts/sanitize.sh tsan    the threaded suites (jobs, scanner, catalog, widgets, training,
#                               the model engine, the worker pool) under ThreadSanitizer, in
#                               build-tsan/
#
# Extra arguments go to ctest (e.g. `-R WorkerPool`). Exit status 0 = every suite ran clean.
# Not part of .ci/run: a sanitizer build of the whole project takes about 50 minutes on 2 cores.
# The suppression files in scripts/sanitizers/ name library internals only, each with a reason.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
mode=${1:-asan}
shift || true
JOBS=${JOBS:-$(nproc)}

case "$mode" in
asan)
  BUILD_DIR=${BUILD_DIR:-build-asan}
  SANITIZE=address,undefined
  # The whole suite, benchmarks aside; the slow training suites included.
  BUILD_TARGETS=()
  TESTS=()
  ;;
tsan)
  BUILD_DIR=${BUILD_DIR:-build-tsan}
  SANITIZE=thread
  # The suites that start threads of their own: the worker pool, the scanner, catalog
  # connections and the catalog watcher, the label write queue, the job runner and the extract,
  # train and predict jobs (through the model engine, our code instrumented, LibTorch and its
  # OpenMP pool not), the spectrogram builder, the track view's pools, the training panel.
  # Only these are built.
  TSAN_SUITES=(test_core_util_WorkerPool test_core_library_CatalogDatabase
               test_core_library_LibraryScanner test_core_library_LibrarySession
               test_core_library_LabelStore test_core_jobs_JobRunner test_core_jobs_JobQueue
               test_core_jobs_ExtractJob test_core_jobs_TrainJob test_core_jobs_PredictJob
               test_core_dsp_TrackSpectrogram test_widgets_trackview_SpectrogramView
               test_widgets_labels_LabelEditor test_widgets_training_TrainingPanel)
  BUILD_TARGETS=("${TSAN_SUITES[@]}")
  TESTS=(-R "^($(IFS='|'; echo "${TSAN_SUITES[*]}"))\$")
  ;;
*)
  echo "usage: $0 asan|tsan [ctest arguments]" >&2
  exit 2
  ;;
esac

export CCACHE_BASEDIR="$ROOT"
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTIMBRE_SANITIZE="$SANITIZE" >/dev/null
targets=()
for target in "${BUILD_TARGETS[@]}"; do targets+=(--target "$target"); done
cmake --build "$BUILD_DIR" -j"$JOBS" "${targets[@]}"

SUPP="$ROOT/scripts/sanitizers"
# abort_on_error: a finding fails the test with its report in the log; detect_leaks runs LSan at
# exit of every suite. new_delete_type_mismatch is off for LibTorch's own allocator pairs.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1:new_delete_type_mismatch=0"
export LSAN_OPTIONS="suppressions=$SUPP/lsan.supp:print_suppressions=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$SUPP/ubsan.supp"
# die_after_fork=0: QProcess (the kill tests start a copy of the suite) forks a threaded process
# and execs at once; TSan would otherwise end the child before its exec.
export TSAN_OPTIONS="suppressions=$SUPP/tsan.supp:halt_on_error=1:second_deadlock_stack=1:history_size=4:die_after_fork=0"
# Debian's libtorch and OpenBLAS use libgomp, whose thread pool TSan cannot see into; one
# OpenMP thread per suite keeps its barriers out of the reports (ctest runs two suites at once).
export OMP_NUM_THREADS=1
# Allocations a sanitizer tracks are slower; give suites three times their usual limit.
cd "$BUILD_DIR"
ctest -j"$JOBS" --timeout 2700 --output-on-failure -E "^bench_" "${TESTS[@]}" "$@"
