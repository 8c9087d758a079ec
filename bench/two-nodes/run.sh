#!/usr/bin/env bash
# DoiThoai: two app nodes behind nginx on one PostgreSQL, and the load test of issue 7 (ADR 0020).
#
#   bench/two-nodes/run.sh            # the documented run: 20,000 items, 5-minute mixes, 10,000 requests per latency figure
#   bench/two-nodes/run.sh --quick    # a trial: 5,000 items, 20 s per wrk run, 2,000 requests per latency figure
#   options: --items N  --mix-seconds S  --base-seconds S  --requests N  --connections C  --no-build  --keep
#            --data DIR   keep the PostgreSQL cluster and the import in DIR, and reuse them when DIR holds them
#
# Installs nginx-light and wrk (and PostgreSQL) with apt-get when missing; starts a throwaway
# PostgreSQL cluster, fills it (the app's `seed-demo` and the bench's `import` of N generated items,
# then 50 more items on the last session with the app's `import-items`, so that session holds 100),
# starts two nodes of the app's Release build on loopback ports (shared database, shared files
# folder, own search index each) and nginx with bench/two-nodes/nginx.conf under a temp prefix.
# Servers (PostgreSQL, nodes, nginx) are pinned to one set of cores and the load generators (wrk,
# the bench's open-loop `web-load`) to another. Everything started here is stopped on exit.
#
# Measured: wrk maxima (closed loop, C connections) of the baselines /bench/plain and /bench/layout,
# the session page with 100 items and an output-cached public article, on one node directly; then
# the mix (public pages, search, signed-in item and session pages) through nginx on one node and on
# two, with every node's VmRSS sampled every 5 s; then open-loop latency of the session page at 50%
# and 80% of its maximum. Every non-2xx answer is an error. The report (Markdown) is printed and kept
# in artifacts/two-nodes/; the load average is noted with every figure.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$REPO_ROOT/bench/two-nodes"
cd "$REPO_ROOT"

ITEMS=20000 MIX_SECONDS=300 BASE_SECONDS=60 REQUESTS=10000 CONNECTIONS=200 BUILD=1 KEEP=0 DATA_DIR=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick)        ITEMS=5000 MIX_SECONDS=20 BASE_SECONDS=20 REQUESTS=2000; shift ;;
        --items)        ITEMS="$2"; shift 2 ;;
        --mix-seconds)  MIX_SECONDS="$2"; shift 2 ;;
        --base-seconds) BASE_SECONDS="$2"; shift 2 ;;
        --requests)     REQUESTS="$2"; shift 2 ;;
        --connections)  CONNECTIONS="$2"; shift 2 ;;
        --no-build)     BUILD=0; shift ;;
        --keep)         KEEP=1; shift ;;
        --data)         DATA_DIR="$2"; KEEP=1; shift 2 ;;
        -h|--help)      sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *)              echo "unknown argument: $1 (try --help)" >&2; exit 2 ;;
    esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log() { echo "==> $*" >&2; }
die() { echo "==> ERROR: $*" >&2; exit 1; }

# ---------------------------------------------------------------- cores
# The last core drives the load; the others serve. On this 2-core machine: server 0, load 1.
CORES="$(nproc)"
((CORES >= 2)) || die "needs at least 2 cores (server and load generator on separate ones)"
SERVER_CPUS="0-$((CORES - 2))"
LOAD_CPUS="$((CORES - 1))"

# ---------------------------------------------------------------- tools
ensure_tools() {
    local missing=()
    command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)
    command -v wrk >/dev/null 2>&1 || missing+=(wrk)
    compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
    if ((${#missing[@]} > 0)); then
        log "Installing ${missing[*]} with apt-get"
        DEBIAN_FRONTEND=noninteractive apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
    fi
    getent passwd postgres >/dev/null || useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/bash postgres
    PG_BIN="$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -t/ -k5,5V | tail -n 1)"
    NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
}

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# ---------------------------------------------------------------- cleanup
if [[ -n "$DATA_DIR" ]]; then mkdir -p "$DATA_DIR"; WORK="$(cd "$DATA_DIR" && pwd)"; else WORK="$(mktemp -d /tmp/doithoai-two-nodes.XXXXXX)"; fi
REUSE=0; [[ -f "$WORK/pg/data/PG_VERSION" && -f "$WORK/import/bench.json" ]] && REUSE=1
chmod 711 "$WORK"   # the postgres user reaches its cluster folder inside
PIDS=()
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    if [[ -f "$WORK/pg/data/postmaster.pid" ]]; then
        (cd "$WORK/pg" && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -m immediate -w -t 30 stop >/dev/null 2>&1) || true
    fi
    if ((KEEP)); then log "Kept $WORK"; else rm -rf "$WORK"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ensure_tools
if ((BUILD)); then
    log "Building (Release)"
    dotnet build DoiThoai.slnx -c Release -v quiet -nologo >/dev/null
fi
APP_DLL="$REPO_ROOT/src/DoiThoai.Web/bin/Release/net10.0/DoiThoai.Web.dll"
BENCH_DLL="$REPO_ROOT/bench/DoiThoai.Bench/bin/Release/net10.0/DoiThoai.Bench.dll"
[[ -f "$APP_DLL" && -f "$BENCH_DLL" ]] || die "build first: dotnet build DoiThoai.slnx -c Release"

# ---------------------------------------------------------------- PostgreSQL
mkdir -p "$WORK/pg"
chown postgres: "$WORK/pg" && chmod 700 "$WORK/pg"
as_postgres() { (cd "$WORK/pg" && taskset -c "$SERVER_CPUS" runuser -u postgres -- "$@"); }
((REUSE)) || as_postgres "$PG_BIN/initdb" -D "$WORK/pg/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$WORK/pg/initdb.log"
PG_PORT="$(free_port)"
# Durability off (the data is thrown away); the rest as a small dedicated server would have it.
as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/log" -w -t 60 \
    -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=512MB" \
    start >/dev/null
log "PostgreSQL on 127.0.0.1:$PG_PORT ($PG_BIN)"
CS="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=unused;Database=doithoai"
psql_q() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d doithoai -Atc "$1"; }

# ---------------------------------------------------------------- data
# The nodes' configuration (each adds its own Storage__DataPath and Urls).
APP_ENV=(ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres "ConnectionStrings__Default=$CS;Maximum Pool Size=100"
         Storage__FilesPath="$WORK/shared-files" Demo__Seed=false Bench__Endpoints=true RateLimits__Enabled=false
         Logging__LogLevel__Default=Warning Logging__LogLevel__Microsoft.AspNetCore=Warning)
if ((REUSE)); then
    log "Reusing the data in $WORK"
else
    log "Demo data and $ITEMS generated items (bench import)"
    taskset -c "$SERVER_CPUS" dotnet "$BENCH_DLL" import --provider Postgres --connection "$CS" --items "$ITEMS" --data "$WORK/import" >"$WORK/import.log" 2>&1 \
        || { tail -n 30 "$WORK/import.log" >&2; die "import failed"; }
    tail -n 1 "$WORK/import.log" >&2
    SESSION_ID="$(psql_q 'SELECT max("Id") FROM "Sessions"')"
    # The generator puts 50 items on a session; 50 more lines of the corpus make the 100 of the target.
    tail -n 50 /work/shared/data/uit-vsfc/train/sents.txt >"$WORK/more-items.txt" 2>/dev/null \
        || for i in $(seq 1 50); do echo "Ý kiến bổ sung số $i về công tác phát triển đảng viên ở cơ sở."; done >"$WORK/more-items.txt"
    (cd src/DoiThoai.Web && env "${APP_ENV[@]}" Storage__DataPath="$WORK/import" dotnet "$APP_DLL" import-items --session "$SESSION_ID" "$WORK/more-items.txt" >/dev/null)
fi
SESSION_ID="$(psql_q 'SELECT "SessionId" FROM "Items" GROUP BY 1 ORDER BY count(*) DESC, 1 DESC LIMIT 1')"
SESSION_ITEMS="$(psql_q "SELECT count(*) FROM \"Items\" WHERE \"SessionId\" = $SESSION_ID")"
ITEM_ID="$(psql_q "SELECT min(\"Id\") FROM \"Items\" WHERE \"SessionId\" = $SESSION_ID")"
ARTICLE_SLUG="$(psql_q "SELECT \"Slug\" FROM \"Articles\" WHERE \"Status\" = 'Published' ORDER BY \"Id\" LIMIT 1")"
[[ -n "$ARTICLE_SLUG" ]] || die "no published article in the demo data"
log "Session $SESSION_ID holds $SESSION_ITEMS items; item $ITEM_ID; article $ARTICLE_SLUG"

# ---------------------------------------------------------------- nodes and nginx
NODE_PORTS=("$(free_port)" "$(free_port)")
NODE_PIDS=()
for n in 0 1; do
    mkdir -p "$WORK/node$n"
    # Each node keeps its own search index; a copy of the import's saves rebuilding it (it catches up from the change log).
    [[ -d "$WORK/node$n/search-index" ]] || cp -r "$WORK/import/search-index" "$WORK/node$n/" 2>/dev/null || true
    (cd src/DoiThoai.Web && exec env "${APP_ENV[@]}" Storage__DataPath="$WORK/node$n" Urls="http://127.0.0.1:${NODE_PORTS[$n]}" \
        taskset -c "$SERVER_CPUS" dotnet "$APP_DLL" >"$WORK/node$n.log" 2>&1) &
    NODE_PIDS+=($!)
    PIDS+=($!)
done
for n in 0 1; do
    for _ in $(seq 1 300); do
        curl -fs "http://127.0.0.1:${NODE_PORTS[$n]}/health/ready" >/dev/null && break
        kill -0 "${NODE_PIDS[$n]}" 2>/dev/null || { tail -n 30 "$WORK/node$n.log" >&2; die "node $n exited"; }
        sleep 0.5
    done
    curl -fs "http://127.0.0.1:${NODE_PORTS[$n]}/health/ready" >/dev/null || die "node $n not ready"
done
log "Nodes on ports ${NODE_PORTS[*]} (pids ${NODE_PIDS[*]})"

PORT_BOTH="$(free_port)" PORT_ONE="$(free_port)"
mkdir -p "$WORK/nginx"/{body,proxy,fastcgi,uwsgi,scgi}
sed -e "s|@WORK@|$WORK|g" -e "s|@USER@|$(id -un)|g" -e "s|@NODE1@|${NODE_PORTS[0]}|g" -e "s|@NODE2@|${NODE_PORTS[1]}|g" \
    -e "s|@PORT_BOTH@|$PORT_BOTH|g" -e "s|@PORT_ONE@|$PORT_ONE|g" "$HERE/nginx.conf" >"$WORK/nginx/nginx.conf"
taskset -c "$SERVER_CPUS" "$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" &
PIDS+=($!)
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$PORT_BOTH/health/live" >/dev/null && break; sleep 0.2; done
BOTH="http://127.0.0.1:$PORT_BOTH" ONE="http://127.0.0.1:$PORT_ONE" NODE1="http://127.0.0.1:${NODE_PORTS[0]}"
log "nginx: both nodes on $BOTH, the first only on $ONE"

# ---------------------------------------------------------------- session cookie
# Signed in through nginx with the real form (antiforgery cookie and token), as a browser would.
JAR="$WORK/cookies.txt"
TOKEN="$(curl -fs -c "$JAR" "$BOTH/Account/Login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')"
STATUS="$(curl -s -o /dev/null -w '%{http_code}' -b "$JAR" -c "$JAR" --data-urlencode "Input.UserName=vanphong" \
    --data-urlencode "Input.Password=DoiThoai#2017" --data-urlencode "__RequestVerificationToken=$TOKEN" "$BOTH/Account/Login")"
[[ "$STATUS" == 302 ]] || die "sign-in answered $STATUS"
COOKIE="$(awk -F'\t' '!/^#/ || /^#HttpOnly_/ { if (NF >= 7) printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$JAR")"
export DT_COOKIE="$COOKIE"

# Correct behaviour on both nodes: the cookie (issued by whichever node nginx chose) opens the
# session page on each node directly, and each lists the same 100 items.
CHECKS=""
for n in 0 1; do
    page="$(curl -s -H "Cookie: $COOKIE" -w '\n%{http_code}' "http://127.0.0.1:${NODE_PORTS[$n]}/Sessions/$SESSION_ID")"
    code="${page##*$'\n'}"
    rows="$(grep -c "href=\"/Items/" <<<"$page" || true)"
    CHECKS+="node $((n + 1)): session page $code, $rows item links; "
    [[ "$code" == 200 ]] || die "node $((n + 1)) answered $code to the session page with the shared cookie"
done
log "$CHECKS"

# ---------------------------------------------------------------- measuring
REPORT="$WORK/report.md"
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# CPU time (ms) used so far by the nodes, and by this cluster's PostgreSQL processes (the postmaster's
# children: one per pooled connection, which live as long as the pool does).
TICK_MS=$((1000 / $(getconf CLK_TCK)))
cpu_ms() { local t=0 pid; for pid in "$@"; do t=$((t + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0))); done; echo $((t * TICK_MS)); }
pg_cpu_ms() { cpu_ms $(pgrep -P "$(head -n 1 "$WORK/pg/data/postmaster.pid")"); }
pg_statements() { psql_q "SELECT sum(xact_commit + xact_rollback) FROM pg_stat_database"; }

# wrk_run NAME URL SECONDS PATHS → appends a table row; sets RPS and ERRORS.
wrk_run() {
    local name="$1" url="$2" seconds="$3" paths="$4" out before app0 pg0 tx0
    before="$(loadavg)"
    app0="$(cpu_ms "${NODE_PIDS[@]}")" pg0="$(pg_cpu_ms)" tx0="$(pg_statements)"
    out="$(DT_PATHS="$paths" taskset -c "$LOAD_CPUS" wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" --timeout 30s -s "$HERE/mix.lua" "$url" 2>&1)" \
        || die "wrk failed: $out"
    echo "$out" >"$WORK/wrk-$(tr -c 'a-zA-Z0-9' '-' <<<"$name").txt"
    RPS="$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' <<<"$out")"
    local bad socket
    bad="$(sed -n 's/^bad status: \([0-9]*\).*/\1/p' <<<"$out")"
    socket="$(sed -n 's/.*Socket errors: connect \([0-9]*\), read \([0-9]*\), write \([0-9]*\), timeout \([0-9]*\).*/\1+\2+\3+\4/p' <<<"$out")"
    ERRORS=$(( ${bad:-0} + ${socket:-0} ))
    local latency
    latency="$(sed -n 's/^p50\/p99 (closed loop, for reference): //p' <<<"$out")"
    local requests app pg tx
    requests="$(grep -o '[0-9]* requests in' <<<"$out" | cut -d' ' -f1 || echo 1)"
    app=$(( $(cpu_ms "${NODE_PIDS[@]}") - app0 )) pg=$(( $(pg_cpu_ms) - pg0 )) tx=$(( $(pg_statements) - tx0 - 2 ))
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$RPS" "$ERRORS" "$latency" "$requests" \
        "$(awk -v c="$app" -v r="$requests" 'BEGIN { printf "%.2f", c / r }')" "$(awk -v c="$pg" -v r="$requests" 'BEGIN { printf "%.2f", c / r }')" \
        "$(awk -v c="$tx" -v r="$requests" 'BEGIN { printf "%.1f", c / r }')" "$before" >>"$REPORT"
    log "$name: $RPS req/s, $ERRORS errors (load $before)"
}

{
    echo "## Two nodes behind nginx — $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "$CORES cores: servers (PostgreSQL, nodes, nginx) on cpu $SERVER_CPUS, wrk and web-load on cpu $LOAD_CPUS; $ITEMS generated items + demo data;"
    echo "session $SESSION_ID with $SESSION_ITEMS items; $CONNECTIONS connections; wrk ${BASE_SECONDS} s per baseline, ${MIX_SECONDS} s per mix."
    echo "Before the load: $CHECKS"
    echo
    echo "App CPU and PostgreSQL CPU per request: CPU time of the node processes and of the cluster's backends over the run, divided"
    echo "by the requests; statements per request: PostgreSQL transactions (each EF query outside a transaction is one) per request."
    echo
    echo "| run (closed loop, wrk) | req/s | errors | p50 / p99 | requests | app CPU ms/req | PG CPU ms/req | PG statements/req | load avg before |"
    echo "|---|---|---|---|---|---|---|---|---|"
} >"$REPORT"

# Warm both nodes (JIT, caches) on everything the mix touches.
MIX="a:/Portal a:/Portal/Article/$ARTICLE_SLUG a:/Portal/Search?q=giang+vien a:/Portal/Documents s:/Sessions/$SESSION_ID s:/Items/$ITEM_ID s:/Search?q=bai+tap s:/Items s:/"
DT_PATHS="$MIX" taskset -c "$LOAD_CPUS" wrk -t1 -c20 -d10s --timeout 30s -s "$HERE/mix.lua" "$BOTH" >/dev/null 2>&1 || true

wrk_run "plain text /bench/plain (node 1 direct)" "$NODE1" "$BASE_SECONDS" "a:/bench/plain";   PLAIN="$RPS"
wrk_run "layout only /bench/layout (node 1 direct)" "$NODE1" "$BASE_SECONDS" "s:/bench/layout"; LAYOUT="$RPS"
wrk_run "session page, $SESSION_ITEMS items (node 1 direct)" "$NODE1" "$BASE_SECONDS" "s:/Sessions/$SESSION_ID"; SESSION="$RPS"
wrk_run "cached public article (node 1 direct)" "$NODE1" "$BASE_SECONDS" "a:/Portal/Article/$ARTICLE_SLUG"; ARTICLE="$RPS"

# The mix, with the nodes' resident memory sampled every 5 s.
sample_memory() {
    local file="$1"
    while true; do
        {
            printf '%s' "$(date +%s)"
            for pid in "${NODE_PIDS[@]}"; do
                printf ' %s' "$(awk '/^VmRSS:/ { print int($2 / 1024) }' "/proc/$pid/status" 2>/dev/null || echo 0)"
            done
            echo
        } >>"$file"
        sleep 5
    done
}
memory_row() {
    awk -v name="$1" '{ for (i = 2; i <= NF; i++) { v[NR, i] = $i } n = NR; f = NF }
        END { for (i = 2; i <= f; i++) { s = ""; min = 1e9; max = 0
                for (r = 1; r <= n; r++) { x = v[r, i]; if (x < min) min = x; if (x > max) max = x; if (r == 1 || r == n || r % int(n / 6 + 1) == 0) s = s " " x }
                printf "| %s, node %d | %d | %d | %d | %d |%s |\n", name, i - 1, v[1, i], v[n, i], min, max, s } }' "$2" >>"$WORK/memory.md"
}
: >"$WORK/memory.md"
for setup in "one node" "two nodes"; do
    url="$ONE"; [[ "$setup" == "two nodes" ]] && url="$BOTH"
    : >"$WORK/memory-$setup.txt"
    : >"$WORK/nginx/both.log"   # nginx appends: emptied, it then counts this run's answers only
    sample_memory "$WORK/memory-$setup.txt" & SAMPLER=$!
    PIDS+=("$SAMPLER")
    wrk_run "mix through nginx, $setup" "$url" "$MIX_SECONDS" "$MIX"
    kill "$SAMPLER" 2>/dev/null || true
    memory_row "$setup" "$WORK/memory-$setup.txt"
done
SERVED="$(sleep 3; awk '{ print $1 }' "$WORK/nginx/both.log" | sort | uniq -c | awk '{ printf "%s%s: %s", (n++ ? ", " : ""), $2, $1 }')"

# Open-loop latency of the session page at 50% and 80% of its maximum.
{
    echo
    echo "Requests per upstream during the two-node runs (nginx log): $SERVED."
    echo
    echo "Ratios: session page / plain text = $(awk -v a="$SESSION" -v b="$PLAIN" 'BEGIN { printf "%.2f%%", 100 * a / b }') (target ≥ 2%),"
    echo "session page / layout = $(awk -v a="$SESSION" -v b="$LAYOUT" 'BEGIN { printf "%.1f%%", 100 * a / b }') (target ≥ 10%),"
    echo "cached article / plain text = $(awk -v a="$ARTICLE" -v b="$PLAIN" 'BEGIN { printf "%.1f%%", 100 * a / b }') (target ≥ 30%)."
    echo
    echo "| memory (VmRSS, MB, every 5 s) | first | last | min | max | samples |"
    echo "|---|---|---|---|---|---|"
    cat "$WORK/memory.md"
    echo
    echo "| open loop (web-load, HdrHistogram), session page on node 1 | result | load avg before |"
    echo "|---|---|---|"
} >>"$REPORT"
OPEN_ERRORS=0
for share in 50 80; do
    rate="$(awk -v r="$SESSION" -v s="$share" 'BEGIN { printf "%.0f", r * s / 100 }')"
    before="$(loadavg)"
    line="$(taskset -c "$LOAD_CPUS" dotnet "$BENCH_DLL" web-load --url "$NODE1/Sessions/$SESSION_ID" --cookie "$COOKIE" \
        --rate "$rate" --requests "$REQUESTS" --warmup 5 --out "$WORK/session-$share.hgrm" 2>&1 | tail -n 1)" || OPEN_ERRORS=1
    echo "| $share% of max ($rate req/s) | $line | $before |" >>"$REPORT"
    log "open loop $share%: $line"
done

mkdir -p "$REPO_ROOT/artifacts/two-nodes"
STAMP="$(date -u +%Y%m%d-%H%M%S)"
cp "$REPORT" "$REPO_ROOT/artifacts/two-nodes/report-$STAMP.md"
cp "$WORK"/wrk-*.txt "$WORK"/*.hgrm "$WORK"/memory-*.txt "$REPO_ROOT/artifacts/two-nodes/" 2>/dev/null || true
echo
cat "$REPORT"
echo
log "Report kept in artifacts/two-nodes/report-$STAMP.md"
