#!/usr/bin/env bash
# All tests: type check, unit tests (vitest), then e2e in Debian's Chromium (installed if missing),
# the deploy e2e: a production build behind Debian's nginx (installed if missing), and the smoke
# checks in Chromium, Firefox ESR and WebKitGTK (installed if missing).
set -euo pipefail
cd "$(dirname "$0")/.."

# Chromium for the e2e tests, and a CJK font so the screenshots they save show Chinese text.
PKGS=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || PKGS+=(chromium)
dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || PKGS+=(fonts-wqy-microhei)
# nginx for e2e/deploy.spec.ts, which runs deploy/nginx.conf as the current user on a localhost port.
[ -x "${NGINX_PATH:-/usr/sbin/nginx}" ] || PKGS+=(nginx)
# The engine matrix (e2e/matrix.config.ts, docs/browsers.md): Firefox ESR, and WebKitGTK's
# WebDriver (it pulls in libwebkit2gtk and its MiniBrowser) with a virtual X display to run in.
[ -x "${FIREFOX_PATH:-/usr/bin/firefox-esr}" ] || PKGS+=(firefox-esr)
[ -x "${WEBKIT_WEBDRIVER_PATH:-/usr/bin/WebKitWebDriver}" ] || PKGS+=(webkit2gtk-driver)
command -v xvfb-run >/dev/null || PKGS+=(xvfb)
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
# The real deployment: npm run build, deploy/nginx.conf, a gate online then offline (docs/deploy.md).
npx playwright test -c e2e/deploy.config.ts
# The same smoke checks in three engines: Chromium, Firefox ESR, WebKitGTK (docs/browsers.md).
npx playwright test -c e2e/matrix.config.ts
