#!/usr/bin/env bash
# All tests: type check, unit tests (vitest), then e2e in Debian's Chromium (installed if missing).
set -euo pipefail
cd "$(dirname "$0")/.."

# Chromium for the e2e tests, and a CJK font so the screenshots they save show Chinese text.
PKGS=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || PKGS+=(chromium)
dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || PKGS+=(fonts-wqy-microhei)
if [ ${#PKGS[@]} -gt 0 ]; then
  echo "Installing ${PKGS[*]} for the e2e tests…"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${PKGS[@]}" >/dev/null
fi

# EU DCC schema validators are compiled from ../shared/vectors at build time (never copied in).
npx tsx scripts/build-dcc-schemas.ts
npx tsc -p .
# Imports flow one way (core ← read ← app, core ← issuer ← cli; nobody imports scripts/): .dependency-cruiser.cjs.
npm run -s lint:deps
npx vitest run
# The EU DCC test suite judges the whole chain; every flag outside the known issues must match.
npx tsx scripts/conformance.ts --dir ../shared/vectors/eu-dcc | tail -n 16
npx playwright test
