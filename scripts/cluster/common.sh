#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Helpers shared by the local-cluster scripts (postgres_local.sh, slurm_local.sh). Sourced, not
# run: the script sets SCRIPT_NAME first; messages go to stderr prefixed with it.
#   say / die (exit 1) / cannot (exit 3: "cannot start here", which callers turn into a skip)
#   usage: prints the script's "# Usage:" comment block and exits 2

say() { echo "$SCRIPT_NAME: $*" >&2; }
die() { echo "$SCRIPT_NAME: $*" >&2; exit 1; }
cannot() { echo "$SCRIPT_NAME: cannot start: $*" >&2; exit 3; }
usage() { awk '/^# Usage:/ { on = 1 } on && !/^#/ { exit } on { sub(/^# ?/, ""); print }' "$0" >&2; exit 2; }

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# apt_install LOG PACKAGE...: installs without letting the packages' maintainer scripts start
# their daemons (through an init system a container does not have, with Debian's configuration:
# the servers here are ours), retrying once after `apt-get update`. Returns apt-get's status.
apt_install() {
  local log=$1 made_policy=0 rc=0
  shift
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    made_policy=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  local apt=(apt-get -y -q -o DPkg::Lock::Timeout=300 --no-install-recommends)
  if ! "${apt[@]}" install "$@" >"$log" 2>&1; then
    apt-get -q -o DPkg::Lock::Timeout=300 update >>"$log" 2>&1 || true
    "${apt[@]}" install "$@" >>"$log" 2>&1 || rc=$?
  fi
  [ "$made_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d
  return "$rc"
}
