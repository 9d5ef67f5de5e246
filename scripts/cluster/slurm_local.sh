#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A one-node Slurm cluster on this machine, for the tests and the cluster demo that submit
# `timbre` work with sbatch (job arrays included) without a real cluster. Debian 12's Slurm 22.05
# (slurmctld, slurmd, slurm-client) and munge are installed with apt-get when missing. No systemd
# is needed or used (containers have none): munged, slurmctld and slurmd are started directly as
# background daemons, with a slurm.conf of their own written into the state folder, so nothing
# in /etc/slurm is read or changed. Must run as root (slurmd starts jobs as their user).
#
# Usage: scripts/cluster/slurm_local.sh start|stop|status|env|wait-idle [TIMEOUT_S]
#   start      install if missing, create the munge key if none, start munged (if not running),
#              write $SLURM_LOCAL_DIR/slurm.conf, start slurmctld and slurmd, wait until the node
#              is idle (resuming it if it came up down/drained). A second start on a running
#              cluster says so and exits 0. Prints `export SLURM_CONF=...` on stdout (so
#              `eval "$(scripts/cluster/slurm_local.sh start)"` works); progress goes to stderr.
#   stop       end the daemons this script started (slurmd, slurmctld, and munged only if it was
#              started here), by their pid files.
#   status     the daemons' state and `sinfo`; exit 0 when slurmctld and slurmd both run, else 1.
#   env        prints `export SLURM_CONF=...`: eval "$(scripts/cluster/slurm_local.sh env)"
#   wait-idle  polls squeue until no job of the current user remains (TIMEOUT_S, default 600);
#              exit 1 on timeout.
# Settings (environment): SLURM_LOCAL_DIR (state folder, default /tmp/timbre-slurm),
# SLURM_LOCAL_TIMEOUT (seconds start waits for the node to be idle, default 90),
# SLURM_LOCAL_CTLD_PORT (6817), SLURM_LOCAL_SLURMD_PORT (6818), SLURM_LOCAL_CLUSTER (timbre).
# Exit codes: 0 ok, 1 failure (timeout, not running), 2 usage, 3 the daemons cannot be started
# here (not root, packages not installable, a daemon refused to start); the reason is one line
# on stderr.
set -euo pipefail
if [ "$(nice)" -lt 10 ]; then
  exec nice -n 10 bash "${BASH_SOURCE[0]}" "$@"
fi

STATE=${SLURM_LOCAL_DIR:-/tmp/timbre-slurm}
TIMEOUT=${SLURM_LOCAL_TIMEOUT:-90}
CTLD_PORT=${SLURM_LOCAL_CTLD_PORT:-6817}
SLURMD_PORT=${SLURM_LOCAL_SLURMD_PORT:-6818}
CLUSTER=${SLURM_LOCAL_CLUSTER:-timbre}
CONF=$STATE/slurm.conf
NODE=$(hostname -s)
PACKAGES=(munge slurmctld slurmd slurm-client)
MUNGE_KEY=/etc/munge/munge.key
MUNGE_PIDFILE=/run/munge/munged.pid

SCRIPT_NAME=slurm_local
# shellcheck source=scripts/cluster/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# The pid in FILE if that process is alive and is the program NAME (a stale file after a reboot
# or a crash may name an unrelated process), else nothing.
live_pid() {
  local file=$1 name=$2 pid
  [ -r "$file" ] || return 1
  pid=$(tr -dc '0-9' <"$file")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$name" ] || return 1
  echo "$pid"
}

install_packages() {
  local missing=() pkg
  for pkg in "${PACKAGES[@]}"; do installed "$pkg" || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || cannot "${missing[*]} missing and no apt-get to install them"
  say "installing ${missing[*]} (apt-get)"
  apt_install "$STATE/apt.log" "${missing[@]}" \
    || cannot "apt-get install ${missing[*]} failed (see $STATE/apt.log)"
}

munge_works() { munge -n 2>/dev/null | unmunge >/dev/null 2>&1; }

start_munge() {
  if [ ! -s "$MUNGE_KEY" ]; then
    say "creating $MUNGE_KEY"
    mkdir -p /etc/munge
    if command -v mungekey >/dev/null; then
      mungekey --create --keyfile="$MUNGE_KEY" --force
    else
      dd if=/dev/urandom of="$MUNGE_KEY" bs=1024 count=1 status=none
    fi
  fi
  # munged refuses a key that others can read or that it does not own.
  chown munge:munge /etc/munge "$MUNGE_KEY"
  chmod 700 /etc/munge
  chmod 400 "$MUNGE_KEY"
  if munge_works; then return 0; fi
  local d
  for d in /run/munge /var/lib/munge /var/log/munge; do
    mkdir -p "$d"
    chown munge:munge "$d"
  done
  chmod 755 /run/munge
  chmod 700 /var/lib/munge /var/log/munge
  say "starting munged"
  # A socket left by a killed munged makes a new one refuse to start.
  if ! live_pid "$MUNGE_PIDFILE" munged >/dev/null; then rm -f /run/munge/munge.socket.2*; fi
  runuser -u munge -- /usr/sbin/munged >"$STATE/munged.out" 2>&1 \
    || cannot "munged did not start: $(tail -n 1 "$STATE/munged.out" 2>/dev/null) (see /var/log/munge/munged.log)"
  for _ in $(seq 1 50); do
    if munge_works; then
      touch "$STATE/munged.ours"
      return 0
    fi
    sleep 0.2
  done
  cannot "munged started but munge/unmunge does not work (see /var/log/munge/munged.log)"
}

write_conf() {
  local cpus mem_mb
  cpus=$(nproc)
  # A bit under the machine's memory: a node with less memory than configured is drained.
  mem_mb=$(awk '/^MemTotal:/ { m = int($2 / 1024 * 0.9); print (m > 100 ? m : 100) }' /proc/meminfo)
  mkdir -p "$STATE/state" "$STATE/spool" "$STATE/log" "$STATE/run"
  cat >"$CONF.tmp" <<EOF
# Written by scripts/cluster/slurm_local.sh: a one-node Slurm cluster for tests and demos.
ClusterName=$CLUSTER
SlurmctldHost=$NODE(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$STATE/state
SlurmdSpoolDir=$STATE/spool
SlurmctldPidFile=$STATE/run/slurmctld.pid
SlurmdPidFile=$STATE/run/slurmd.pid
SlurmctldLogFile=$STATE/log/slurmctld.log
SlurmdLogFile=$STATE/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MailProg=/bin/true
ReturnToService=2
# Use the CPUs/memory below even where slurmd sees other hardware (containers, VMs).
SlurmdParameters=config_overrides
SlurmdTimeout=300
InactiveLimit=0
KillWait=10
MinJobAge=300
NodeName=$NODE NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=debug Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
EOF
  mv "$CONF.tmp" "$CONF"
}

node_state() { SLURM_CONF=$CONF sinfo -h -N -n "$NODE" -o '%T' 2>/dev/null | head -n 1; }

wait_node_idle() {
  local deadline=$((SECONDS + TIMEOUT)) state resumed=0
  while :; do
    state=$(node_state || true)
    case "$state" in
      idle | mixed | allocated | completing) say "node $NODE is $state"; return 0 ;;
      down* | drain* | fail*)
        if [ "$resumed" -lt 3 ]; then
          say "node $NODE is $state; resuming it"
          SLURM_CONF=$CONF scontrol update nodename="$NODE" state=resume >/dev/null 2>&1 || true
          resumed=$((resumed + 1))
        fi
        ;;
    esac
    if [ $SECONDS -ge $deadline ]; then
      SLURM_CONF=$CONF scontrol show node "$NODE" >&2 2>/dev/null || true
      cannot "node $NODE not idle after ${TIMEOUT}s (state '${state:-unknown}'; see $STATE/log/slurmd.log and slurmctld.log)"
    fi
    sleep 1
  done
}

# Starts DAEMON (slurmctld|slurmd) unless it runs; it forks into the background and writes its
# pid file itself.
start_daemon() {
  local name=$1 pidfile=$STATE/run/$1.pid
  shift
  if live_pid "$pidfile" "$name" >/dev/null; then return 0; fi
  rm -f "$pidfile"
  say "starting $name"
  "/usr/sbin/$name" -f "$CONF" "$@" >"$STATE/log/$name.out" 2>&1 \
    || cannot "$name exited with an error: $(tail -n 1 "$STATE/log/$name.out") (see $STATE/log/$name.log)"
  for _ in $(seq 1 50); do
    if live_pid "$pidfile" "$name" >/dev/null; then return 0; fi
    sleep 0.2
  done
  cannot "$name did not stay up: $(grep -iE 'error|fatal' "$STATE/log/$name.log" 2>/dev/null | tail -n 1) (see $STATE/log/$name.log)"
}

cmd_start() {
  [ "$(id -u)" -eq 0 ] || cannot "must run as root (slurmd starts jobs as their users; munge key in /etc/munge)"
  mkdir -p "$STATE"
  STATE=$(realpath "$STATE")
  CONF=$STATE/slurm.conf
  if live_pid "$STATE/run/slurmctld.pid" slurmctld >/dev/null && live_pid "$STATE/run/slurmd.pid" slurmd >/dev/null; then
    say "already running (state folder $STATE)"
    wait_node_idle
    echo "export SLURM_CONF=$CONF"
    return 0
  fi
  install_packages
  start_munge
  live_pid "$STATE/run/slurmctld.pid" slurmctld >/dev/null || ! port_busy "$CTLD_PORT" \
    || cannot "port $CTLD_PORT is taken by another program (another slurmctld?); set SLURM_LOCAL_CTLD_PORT"
  live_pid "$STATE/run/slurmd.pid" slurmd >/dev/null || ! port_busy "$SLURMD_PORT" \
    || cannot "port $SLURMD_PORT is taken by another program (another slurmd?); set SLURM_LOCAL_SLURMD_PORT"
  write_conf
  export SLURM_CONF=$CONF
  start_daemon slurmctld
  # Give slurmctld a moment to answer before slurmd registers with it.
  for _ in $(seq 1 50); do
    scontrol ping >/dev/null 2>&1 && break
    sleep 0.2
  done
  start_daemon slurmd -N "$NODE"
  wait_node_idle
  say "up: $(sinfo -h -o '%P %a %D %T %N' | head -n 1); eval \"\$($0 env)\" to use it"
  echo "export SLURM_CONF=$CONF"
}

stop_pidfile() {
  local name=$1 pidfile=$2 pid
  if ! pid=$(live_pid "$pidfile" "$name"); then
    rm -f "$pidfile"
    return 0
  fi
  say "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$pidfile"; return 0; }
    sleep 0.1
  done
  say "$name did not end within 10 s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}

cmd_stop() {
  [ -d "$STATE" ] || { say "nothing to stop (no $STATE)"; return 0; }
  stop_pidfile slurmd "$STATE/run/slurmd.pid"
  stop_pidfile slurmctld "$STATE/run/slurmctld.pid"
  if [ -e "$STATE/munged.ours" ]; then
    stop_pidfile munged "$MUNGE_PIDFILE"
    rm -f "$STATE/munged.ours"
  fi
  say "stopped"
}

cmd_status() {
  local rc=0 name pid
  for name in slurmctld slurmd; do
    if pid=$(live_pid "$STATE/run/$name.pid" "$name"); then
      echo "$name: running (pid $pid)"
    else
      echo "$name: not running"
      rc=1
    fi
  done
  if pid=$(live_pid "$MUNGE_PIDFILE" munged); then
    echo "munged: running (pid $pid$([ -e "$STATE/munged.ours" ] && echo ', started here'))"
  else
    echo "munged: not running"
  fi
  echo "SLURM_CONF=$CONF"
  if [ "$rc" = 0 ]; then SLURM_CONF=$CONF sinfo || rc=1; fi
  return "$rc"
}

cmd_env() { echo "export SLURM_CONF=$(realpath -m "$CONF")"; }

cmd_wait_idle() {
  local timeout=${1:-600} user deadline jobs
  [[ "$timeout" =~ ^[0-9]+$ ]] || { echo "slurm_local: wait-idle: timeout must be whole seconds, not '$timeout'" >&2; exit 2; }
  user=$(id -un)
  deadline=$((SECONDS + timeout))
  export SLURM_CONF=${SLURM_CONF:-$CONF}
  while :; do
    if ! jobs=$(squeue -h -u "$user" -o '%i' 2>/dev/null); then
      die "wait-idle: squeue failed (is the cluster up? $0 status)"
    fi
    [ -z "$jobs" ] && return 0
    if [ $SECONDS -ge $deadline ]; then
      die "wait-idle: jobs of $user still queued after ${timeout}s: $(echo "$jobs" | tr '\n' ' ')"
    fi
    sleep 1
  done
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  env) cmd_env ;;
  wait-idle) cmd_wait_idle "${2:-600}" ;;
  *) usage ;;
esac
