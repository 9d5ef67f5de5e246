#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs one test suite with every library it creates on the PostgreSQL server that the CTest
# fixture `postgres` started (scripts/cluster/postgres_local.sh, state in $1): each new library
# gets a fresh schema there (TIMBRE_CATALOG_SERVER, core/library/Library.h).
#   with_postgres.sh STATE_DIR TEST_BINARY [ARGS...]
# Exit 77 (CTest's SKIP_RETURN_CODE) when the fixture could not start a server here; the
# fixture's own output says why.
set -euo pipefail
state=$1
shift
if [ ! -f "$state/env" ] || [ -f "$state/cannot-start" ]; then
  echo "with_postgres: no PostgreSQL server here ($(cat "$state/cannot-start" 2> /dev/null || echo "no $state/env"))"
  exit 77
fi
# shellcheck disable=SC1091
. "$state/env"
export TIMBRE_CATALOG_SERVER="postgresql://$PGUSER@$PGHOST:$PGPORT/$PGDATABASE"
exec "$@"
