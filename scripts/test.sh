#!/usr/bin/env bash
# Runs every test of CleanAuth: unit, integration over HTTP (incl. two API processes sharing one store),
# the storage contract suite on both stores (embedded SQLite, and MongoDB through an in-memory Mongo-wire
# server this script installs), the real-browser test of the docs page (Debian's Chromium, installed here
# when missing) with OpenAPI validation, every route through a client Kiota generates from the served OpenAPI
# document (tests/Client), Redocly CLI's lint of that document, the compose-file check, a real Prometheus
# scraping the API and a real nginx in front of two API processes (Debian's prometheus and nginx, installed
# here when missing).
# Set CLEANAUTH_TEST_MONGODB to a real MongoDB's connection string to also run the real-server cases.
# Ends with one line: "N passed, N failed, N skipped"; exits non-zero if anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v node >/dev/null || { echo "node (20+) is required for the Mongo-wire test server and the browser test" >&2; exit 1; }

echo "== installing the Mongo-wire test server, the browser-test tools and Redocly CLI (npm ci)"
npm ci --prefix tools/mongo-wire --no-audit --no-fund --loglevel=error
npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
npm ci --prefix tests/openapi --no-audit --no-fund --loglevel=error

echo "== restoring the pinned .NET tools (Kiota, smtp4dev for the SMTP tests; .config/dotnet-tools.json)"
dotnet tool restore

# Debian packages the checks need: chromium for the docs-page test (npm's browser downloads cannot work here),
# docker-compose to validate the compose file (its `config` needs no container engine), python3-fusepy
# for the faulty-disk tests, prometheus, nginx, curl and jq. As root (CI),
# install what is missing, refreshing the package lists only when apt does not know a package yet.
apt_install() { # package, command (or file) it provides
  command -v "$2" >/dev/null || [[ -e "$2" ]] && return 0
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "== installing Debian's $1"
    apt-cache show "$1" >/dev/null 2>&1 || apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$1" >/dev/null
  else
    echo "$1 is missing and this is not root: install Debian's $1 (the checks that need it fail or are skipped)" >&2
  fi
}
[[ -n "${CHROMIUM_PATH:-}" ]] || apt_install chromium chromium
apt_install docker-compose docker-compose
# python3-fusepy for the embedded-store outage tests: a FUSE file system whose disk fails with EIO on demand.
apt_install python3-fusepy /usr/lib/python3/dist-packages/fusepy.py
# Debian's prometheus and nginx: the monitoring and load-balancer tests run the real programs on loopback.
apt_install prometheus prometheus
# curl and jq: the README's "Try it" block is run as written.
apt_install curl curl
apt_install jq jq
PATH="$PATH:/usr/sbin" apt_install nginx nginx
# Where this script could install them (root, as in CI), those tests must run: a missing program fails them
# instead of skipping them.
if [[ $(id -u) -eq 0 ]]; then export CLEANAUTH_REQUIRE_TOOLS=1; fi

# tests/Client generates its client while it builds: after WebApi is built, before its own compile, it starts
# the built API, fetches /openapi/v1.json and runs Kiota (Client.csproj, target GenerateCleanAuthClient).
echo "== building (warnings are errors; the generated client is made from the built API on the way)"
dotnet build CleanAuth.sln -c Release -warnaserror -nologo -v quiet

echo "== testing"
# On a busy 2-core machine a test host can take longer than vstest's default 90 s to report in.
export VSTEST_CONNECTION_TIMEOUT="${VSTEST_CONNECTION_TIMEOUT:-300}"
results=TestResults
rm -rf "$results"
status=0
# --blame: if a test host crashes, the run names the test that was running (and keeps its sequence file).
dotnet test CleanAuth.sln -c Release --no-build --nologo --blame \
  --logger trx --logger "console;verbosity=minimal" --results-directory "$results" || status=$?

echo "== browser test: the docs page in Chromium, and OpenAPI validation"
CONFIGURATION=Release node tests/browser/docs-page.test.mjs "$results" || status=$?

echo "== browser test: passkeys made by Chromium's virtual authenticators, accepted by the API"
CONFIGURATION=Release node tests/browser/passkeys.test.mjs "$results" || status=$?

echo "== OpenAPI lint: Redocly CLI's recommended ruleset on the document the API serves"
node tests/openapi/lint.test.mjs "$results" || status=$?

echo "== deployment files: docker-compose.yml and Dockerfile"
node tests/browser/deployment-files.test.mjs "$results" || status=$?

node scripts/summarize-trx.mjs "$results" || status=$?
exit "$status"
