#!/usr/bin/env bash
# Lighthouse (pinned in package.json) on pages of DoiThoai, headless on Debian's chromium.
# A benchmark, not a test: test.sh does not run it. Prints the performance and
# accessibility scores (0-100) of each page, for the mobile (Lighthouse's default,
# simulated slow 4G and 4x CPU slowdown) and desktop presets.
#
# Usage:
#   bench/lighthouse/run.sh [--user NAME] PATH...
#   bench/lighthouse/run.sh /Account/Login
#   bench/lighthouse/run.sh --user lanhdao '/Search?q=bi+thu+chi+bo'
#
# Starts the app itself: the Release build in Production, on a loopback port that
# Kestrel picks, with a temp SQLite data folder and the demo data. With --user the
# pages are loaded signed in as that demo account (password DoiThoai#2017).
# Full JSON reports are kept in artifacts/lighthouse/.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$ROOT/artifacts/lighthouse"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
export PUPPETEER_SKIP_DOWNLOAD=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

USER_NAME=""
PATHS=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --user) USER_NAME="$2"; shift 2 ;;
        -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) PATHS+=("$1"); shift ;;
    esac
done
[[ ${#PATHS[@]} -gt 0 ]] || PATHS=(/Account/Login)
[[ -x "$CHROME_PATH" ]] || { echo "missing $CHROME_PATH: apt-get install chromium" >&2; exit 1; }
command -v curl >/dev/null || { echo "missing curl: apt-get install curl" >&2; exit 1; }

if [[ ! -x "$HERE/node_modules/.bin/lighthouse" ]]; then
    (cd "$HERE" && npm ci --no-audit --no-fund)
fi
dotnet build "$ROOT/src/DoiThoai.Web" -c Release -v quiet -nologo >/dev/null

WORK="$(mktemp -d /tmp/doithoai-lighthouse.XXXXXX)"
APP_PID=""
cleanup() {
    if [[ -n "$APP_PID" ]]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

# Content root = the project folder (wwwroot, appsettings.json), as with `dotnet run`.
(cd "$ROOT/src/DoiThoai.Web" &&
    ASPNETCORE_ENVIRONMENT=Production Urls=http://127.0.0.1:0 Database__Provider=Sqlite \
    Storage__DataPath="$WORK/data" Demo__Seed=true Notifications__BackgroundJobs=false \
    exec dotnet bin/Release/net10.0/DoiThoai.Web.dll >"$WORK/app.log" 2>&1) &
APP_PID=$!
BASE=""
for _ in $(seq 1 180); do
    BASE="$(sed -n 's/.*Now listening on: \(http:\/\/127\.0\.0\.1:[0-9]*\).*/\1/p' "$WORK/app.log" | head -n 1)"
    [[ -n "$BASE" ]] && break
    kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.log" >&2; exit 1; }
    sleep 0.5
done
[[ -n "$BASE" ]] || { cat "$WORK/app.log" >&2; echo "the app did not start" >&2; exit 1; }

HEADERS=()
if [[ -n "$USER_NAME" ]]; then
    # Sign in the way a browser does: the form's antiforgery token, then the post; keep the cookies.
    jar="$WORK/cookies"
    token="$(curl -s -c "$jar" "$BASE/Account/Login" |
        sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1)"
    curl -s -b "$jar" -c "$jar" -o /dev/null \
        --data-urlencode "Input.UserName=$USER_NAME" --data-urlencode "Input.Password=DoiThoai#2017" \
        --data-urlencode "__RequestVerificationToken=$token" "$BASE/Account/Login"
    cookie="$(awk '!/^#/ || /^#HttpOnly_/ { if (NF >= 7) printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar")"
    grep -q 'doithoai.auth=' <<<"$cookie" || { echo "sign-in as $USER_NAME failed" >&2; exit 1; }
    HEADERS=(--extra-headers "{\"Cookie\": \"$cookie\"}")
fi

mkdir -p "$OUT"
echo "lighthouse $("$HERE/node_modules/.bin/lighthouse" --version), $("$CHROME_PATH" --version 2>/dev/null | head -n 1), $BASE"
printf '%-32s %-8s %11s %13s %6s %6s %6s %6s\n' page preset performance accessibility FCP LCP TBT CLS
for path in "${PATHS[@]}"; do
    for preset in mobile desktop; do
        name="$(tr -c 'A-Za-z0-9' '-' <<<"${path#/}" | sed 's/--*/-/g; s/^-//; s/-$//')"
        name="${name:-home}-$preset"
        args=()
        [[ "$preset" == desktop ]] && args+=(--preset=desktop)
        "$HERE/node_modules/.bin/lighthouse" "$BASE$path" "${args[@]}" "${HEADERS[@]}" \
            --only-categories=performance,accessibility --output=json --output-path="$OUT/$name.json" \
            --chrome-flags="--headless=new --no-sandbox --disable-gpu" --quiet
        node -e '
            const r = require(process.argv[1]);
            const s = k => String(Math.round(r.categories[k].score * 100));
            const a = k => r.audits[k].displayValue.replace(/\u00a0/g, " ");
            console.log([process.argv[2].padEnd(32), process.argv[3].padEnd(8), s("performance").padStart(11),
                s("accessibility").padStart(13), ...["first-contentful-paint", "largest-contentful-paint",
                "total-blocking-time", "cumulative-layout-shift"].map(k => a(k).padStart(6))].join(" "));
        ' "$OUT/$name.json" "$path" "$preset"
    done
done
