#!/usr/bin/env bash
# The multi-process suite (issue 12) runs a real PostgreSQL and HAProxy: Debian's `postgresql` and
# `haproxy` packages, installed here with apt when missing, as tests/e2e/ensure-chromium.sh does for
# Chromium. When they cannot be installed the suites that need them skip with a loud warning, and this
# script says which; under CI=true that is a failure instead (CI must not pass by skipping).
set -uo pipefail

# The same lookups as tests/integration/support/postgres.ts and haproxy.ts.
have_postgres() {
  if [ -n "${POSTGRES_BIN_DIR:-}" ]; then [ -x "$POSTGRES_BIN_DIR/initdb" ]; else compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; fi
}
have_haproxy() { { [ -n "${HAPROXY_BIN:-}" ] && [ -x "$HAPROXY_BIN" ]; } || command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ]; }

missing_packages() {
  local packages=()
  have_postgres || packages+=(postgresql)
  have_haproxy || packages+=(haproxy)
  echo "${packages[@]}"
}

MISSING="$(missing_packages)"
if [ -z "$MISSING" ]; then
  exit 0
fi

echo "Not installed: $MISSING; installing Debian's packages with apt-get" >&2
SUDO=""
if [ "$(id -u)" != "0" ]; then
  # Never prompt for a password in a test run: sudo only when it needs none.
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else SUDO="unavailable"; fi
fi
if [ "$SUDO" != "unavailable" ]; then
  export DEBIAN_FRONTEND=noninteractive
  # shellcheck disable=SC2086 # $SUDO and $MISSING are word lists on purpose
  $SUDO apt-get update -qq >&2 && $SUDO apt-get install -y -qq $MISSING >/dev/null
fi

MISSING="$(missing_packages)"
if [ -z "$MISSING" ]; then
  exit 0
fi

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SUITES="$(grep -lE 'describeWith(Postgres|Services)\(' "$ROOT"/tests/integration/*.test.ts 2>/dev/null | sed "s|^$ROOT/||" | tr '\n' ' ')"
{
  echo
  echo '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!'
  echo "!!! MISSING: $MISSING (could not install: no root, no password-less sudo, or apt-get failed)"
  echo "!!! These suites will be SKIPPED: ${SUITES:-every suite that uses describeWithPostgres / describeWithServices}"
  echo "!!! Install them with: sudo apt-get install -y $MISSING"
  echo '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!'
  echo
} >&2
if [ "${CI:-}" = "true" ]; then
  echo "CI=true: failing instead of skipping." >&2
  exit 1
fi
exit 0
