# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by the reliability scripts (kill_campaign.sh, million_tracks.sh) after `set -euo
# pipefail`, with RELIABILITY_NAME set: they run under nice 10 so as never to compete with the
# builds on two shared cores, use the binaries of BUILD_DIR (default build/), and keep their data
# in WORK (default a new /tmp/$RELIABILITY_NAME.*). Sets ROOT, BUILD_DIR, TIMBRE and WORK.
if [ "$(nice)" -lt 10 ]; then
  exec nice -n 10 "$0" "$@"
fi

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
TIMBRE=$(realpath "$BUILD_DIR/app/cli/timbre")
WORK=${WORK:-$(mktemp -d "/tmp/$RELIABILITY_NAME.XXXXXX")}
mkdir -p "$WORK"
WORK=$(realpath "$WORK")
