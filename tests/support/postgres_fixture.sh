#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# CTest fixture of the PostgreSQL suites: `start STATE_DIR` starts a throwaway server
# (scripts/cluster/postgres_local.sh); where none can start (not root and no PostgreSQL
# installed, say), it records why in STATE_DIR/cannot-start and succeeds, and the suites skip.
# `stop STATE_DIR` stops it.
set -uo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
action=$1
state=$2
case $action in
  start)
    rm -f "$state/cannot-start"
    mkdir -p "$state"
    out=$(bash "$here/scripts/cluster/postgres_local.sh" start "$state" 2>&1)
    status=$?
    echo "$out" | tail -n 3
    if [ "$status" -eq 3 ]; then
      echo "$out" | tail -n 1 > "$state/cannot-start"
      exit 0
    fi
    exit "$status"
    ;;
  stop)
    bash "$here/scripts/cluster/postgres_local.sh" stop "$state" > /dev/null 2>&1 || true
    ;;
  *)
    echo "usage: postgres_fixture.sh start|stop STATE_DIR" >&2
    exit 2
    ;;
esac
