#!/usr/bin/env bash
# DoiThoai: the single test command (CI runs it through .ci/run).
#
# Builds the solution once, then runs the test suite once per database provider:
#   1. Sqlite    DOITHOAI_TEST_PROVIDER=Sqlite
#   2. Postgres  DOITHOAI_TEST_PROVIDER=Postgres against a throwaway local cluster
#   3. Browser   tests/DoiThoai.BrowserTests: Playwright driving Debian's chromium against the
#                app run as a real server (SQLite, demo data); screenshots in artifacts/browser/
#
# Usage:
#   ./test.sh                                   # everything
#   ./test.sh --filter EXPR                     # forwarded to `dotnet test --filter`
#   DOITHOAI_TEST_PROVIDERS=Sqlite ./test.sh    # only some steps (Sqlite Postgres Browser)
#
# Meant to run as root on a fresh Debian 12 machine: installs PostgreSQL, LibreOffice
# writer and poppler-utils (documents), and chromium (browser tests) with apt-get when missing. TRX results are kept
# under artifacts/test-results/<step>/. The last line printed is the summary
# "N passed, M failed[, K skipped]". Exits non-zero if any run or test failed.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$REPO_ROOT"

SOLUTION="DoiThoai.slnx"
TEST_PROJECT="tests/DoiThoai.Tests"
BROWSER_TEST_PROJECT="tests/DoiThoai.BrowserTests"
RESULTS_ROOT="$REPO_ROOT/artifacts/test-results"
# Browser tests run by default (when their project exists); with an explicit
# DOITHOAI_TEST_PROVIDERS they run only if "Browser" is listed.
STEPS="${DOITHOAI_TEST_PROVIDERS:-Sqlite Postgres Browser}"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Browser tests use Debian's chromium; Playwright must never fetch a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

log()  { echo "==> $*"; }
warn() { echo "==> $*" >&2; }
die()  { echo "==> ERROR: $*" >&2; exit 1; }

# ---------------------------------------------------------------- arguments
FILTER=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --filter)   [[ $# -ge 2 ]] || die "--filter needs an expression"; FILTER="$2"; shift 2 ;;
        --filter=*) FILTER="${1#--filter=}"; shift ;;
        -h|--help)  sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *)          die "unknown argument: $1 (try --help)" ;;
    esac
done

for s in $STEPS; do
    case "$s" in
        Sqlite|Postgres|Browser) ;;
        *) die "unknown provider '$s' in DOITHOAI_TEST_PROVIDERS (use Sqlite, Postgres, Browser)" ;;
    esac
done

# ---------------------------------------------------------------- PostgreSQL cluster
# pg_start: sets PG_PORT and leaves a running cluster in PG_DIR; pg_stop removes it.
PG_BIN=""   # /usr/lib/postgresql/<version>/bin
PG_DIR=""   # temp dir holding data/, log, initdb.log and the unix socket
PG_PORT=""

find_pg_bin() {
    local d
    PG_BIN=""
    # Sorted by major version, so the highest one is kept.
    for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -t/ -k5,5V); do
        if [[ -x "$d/initdb" && -x "$d/pg_ctl" && -x "$d/pg_isready" ]]; then PG_BIN="$d"; fi
    done
    [[ -n "$PG_BIN" ]]
}

ensure_postgres_installed() {
    if ! find_pg_bin; then
        log "PostgreSQL server not found; installing it with apt-get"
        DEBIAN_FRONTEND=noninteractive apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
        find_pg_bin || die "postgresql installed but no /usr/lib/postgresql/*/bin/initdb found"
    fi
    if ! getent passwd postgres >/dev/null; then
        log "Creating system user postgres"
        useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/bash postgres
    fi
}

# The document tests convert .docx files to PDF with LibreOffice and read the PDF's
# text with pdftotext (tests/DoiThoai.Tests/Features/Documents).
ensure_document_tools() {
    if command -v libreoffice >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then
        return 0
    fi
    log "LibreOffice or pdftotext not found; installing them with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libreoffice-writer-nogui poppler-utils fonts-liberation2
}

# initdb and pg_ctl refuse to run as root: run them as postgres, from a
# directory that user can read.
as_postgres() {
    (cd "$PG_DIR" && runuser -u postgres -- "$@")
}

free_port() {
    local p
    if command -v python3 >/dev/null 2>&1 &&
        p="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null)" &&
        [[ "$p" =~ ^[0-9]+$ ]]; then
        echo "$p"
        return 0
    fi
    # Fallback without python: first port in a range that nobody answers on.
    for p in $(seq 54320 54999); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            echo "$p"
            return 0
        fi
    done
    return 1
}

pg_start() {
    ensure_postgres_installed
    PG_DIR="$(mktemp -d /tmp/doithoai-pg.XXXXXX)" || return 1
    chown postgres: "$PG_DIR" && chmod 700 "$PG_DIR" || return 1

    local locale=C.UTF-8
    locale -a 2>/dev/null | grep -qixE 'c\.utf-?8' || locale=C
    log "Creating PostgreSQL cluster in $PG_DIR ($PG_BIN, locale $locale)"
    if ! as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 \
            --locale="$locale" >"$PG_DIR/initdb.log" 2>&1; then
        cat "$PG_DIR/initdb.log" >&2
        warn "initdb failed"
        return 1
    fi

    # The chosen port can be taken before the server binds it: retry a few times.
    local attempt
    for attempt in 1 2 3 4 5; do
        PG_PORT="$(free_port)" || { warn "no free TCP port found"; return 1; }
        rm -f "$PG_DIR/log"
        log "Starting PostgreSQL on 127.0.0.1:$PG_PORT"
        if as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -t 60 \
                -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
                start >/dev/null; then
            for _ in $(seq 1 30); do
                if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres; then
                    return 0
                fi
                sleep 1
            done
            tail -n 20 "$PG_DIR/log" >&2 || true
            warn "PostgreSQL started but does not accept connections"
            return 1
        fi
        warn "PostgreSQL did not start on port $PG_PORT (attempt $attempt); log tail:"
        tail -n 5 "$PG_DIR/log" >&2 || true
        grep -q 'already in use' "$PG_DIR/log" 2>/dev/null || break
    done
    warn "could not start PostgreSQL"
    return 1
}

pg_stop() {
    [[ -n "$PG_DIR" && -d "$PG_DIR" ]] || return 0
    if [[ -f "$PG_DIR/data/postmaster.pid" ]]; then
        log "Stopping PostgreSQL"
        local pid
        pid="$(head -n 1 "$PG_DIR/data/postmaster.pid" 2>/dev/null || true)"
        as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
        # Make sure this cluster's postmaster (and only it) is really gone.
        if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    rm -rf "$PG_DIR"
    PG_DIR=""
    PG_PORT=""
}

# ---------------------------------------------------------------- cleanup
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    pg_stop || true
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- test runs
FAILED_RUNS=()

# run_tests NAME PROJECT [VAR=VALUE ...]
# dotnet test with extra environment; TRX goes to artifacts/test-results/<name>/.
run_tests() {
    local name="$1" project="$2"
    shift 2
    local results="$RESULTS_ROOT/${name,,}"
    rm -rf "$results"
    mkdir -p "$results"
    local args=(test "$project" -c Release --no-build
        --logger "trx;LogFileName=${name,,}.trx" --results-directory "$results")
    if [[ -n "$FILTER" ]]; then args+=(--filter "$FILTER"); fi
    log "Running tests: $name"
    if env "$@" dotnet "${args[@]}"; then
        log "$name: passed"
    else
        log "$name: FAILED"
        FAILED_RUNS+=("$name")
    fi
}

run_sqlite() {
    ensure_document_tools
    run_tests Sqlite "$TEST_PROJECT" DOITHOAI_TEST_PROVIDER=Sqlite
}

run_postgres() {
    ensure_document_tools
    if ! pg_start; then
        FAILED_RUNS+=(Postgres)
        pg_stop
        return 0
    fi
    run_tests Postgres "$TEST_PROJECT" DOITHOAI_TEST_PROVIDER=Postgres \
        "DOITHOAI_TEST_PG=Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=unused;Database=postgres"
    pg_stop
}

# ---- Step 3: browser tests with Playwright ---------------------------------
# Playwright for .NET launches Debian's chromium (DOITHOAI_CHROMIUM), installed here
# when missing; the tests start the app's Release build themselves as a Kestrel
# process on a loopback port with its own SQLite data folder and the demo data
# (docs/decisions/0012-browser-tests.md). Screenshots of every checked page and the
# app's log are kept in artifacts/browser/.
CHROMIUM=/usr/bin/chromium
run_browser() {
    if [[ ! -d "$BROWSER_TEST_PROJECT" ]]; then
        return 0
    fi
    if [[ ! -x "$CHROMIUM" ]]; then
        log "chromium not found; installing it with apt-get"
        if ! { DEBIAN_FRONTEND=noninteractive apt-get update &&
               DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }; then
            warn "could not install chromium"
            FAILED_RUNS+=(Browser)
            return 0
        fi
    fi
    rm -rf "$REPO_ROOT/artifacts/browser"
    run_tests Browser "$BROWSER_TEST_PROJECT" DOITHOAI_CHROMIUM="$CHROMIUM"
}

# trx_attr NAME: numeric attribute NAME of the <Counters .../> element in $counters.
trx_attr() { sed -n "s/.*[[:space:]]$1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }

# Print "N passed, M failed[, K skipped]" summed over every TRX <Counters> element.
summarize() {
    local passed=0 failed=0 skipped=0 f counters k v total executed
    while IFS= read -r -d '' f; do
        counters="$(grep -o '<Counters [^>]*>' "$f" | head -n 1 || true)"
        [[ -n "$counters" ]] || continue
        v="$(trx_attr passed)"
        passed=$((passed + ${v:-0}))
        for k in failed error timeout aborted; do
            v="$(trx_attr "$k")"
            failed=$((failed + ${v:-0}))
        done
        # Skipped tests are not in notExecuted (it stays 0): count total - executed.
        total="$(trx_attr total)"
        executed="$(trx_attr executed)"
        v=$((${total:-0} - ${executed:-0}))
        if ((v > 0)); then skipped=$((skipped + v)); fi
    done < <(find "$RESULTS_ROOT" -name '*.trx' -print0 2>/dev/null)
    local line="$passed passed, $failed failed"
    if ((skipped > 0)); then line+=", $skipped skipped"; fi
    echo "$line"
}

[[ -f "$SOLUTION" ]] || die "$SOLUTION not found in $REPO_ROOT"
log "Building $SOLUTION (Release)"
dotnet build "$SOLUTION" -c Release

rm -rf "$RESULTS_ROOT"
for s in $STEPS; do
    case "$s" in
        Sqlite)   run_sqlite ;;
        Postgres) run_postgres ;;
        Browser)  run_browser ;;
    esac
done

summary="$(summarize)"
failed_tests="$(sed -n 's/^[0-9]* passed, \([0-9]*\) failed.*/\1/p' <<<"$summary")"
if ((${#FAILED_RUNS[@]} > 0)); then
    log "Failed runs: ${FAILED_RUNS[*]}"
fi
echo "$summary"
if ((${#FAILED_RUNS[@]} > 0 || ${failed_tests:-0} > 0)); then
    exit 1
fi
