#!/usr/bin/env bash
# CI (.ci/run): the production artifact boots. Built as docker/Dockerfile builds it — `npm run build`, then
# `npm prune --omit=dev` — in a copy of the tree, the API is started from that copy with NODE_ENV=production
# against the machine's PostgreSQL (a fresh database, dropped afterwards) and Redis (a queue prefix of its
# own), and must answer 200 on /api/health within BOOT_TIMEOUT_SECONDS. Any run-time import of a package
# that `npm prune --omit=dev` removed fails here (and, for lazy imports, in check-runtime-deps.mjs first).
#
#   bash scripts/ci-production-boot.sh      from the repository root, after `npm install`
# Environment: TEST_DATABASE_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres; where none
# answers, the production build starts its embedded PostgreSQL instead), TEST_REDIS_URL (default
# redis://127.0.0.1:6379), BOOT_TIMEOUT_SECONDS (default 60).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s.%N)
admin_url=${TEST_DATABASE_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
redis_url=${TEST_REDIS_URL:-redis://127.0.0.1:6379}
timeout=${BOOT_TIMEOUT_SECONDS:-60}
say() { echo "production boot: $*"; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

node scripts/build.mjs --quiet
node scripts/check-runtime-deps.mjs
copy_started=$(date +%s.%N)

# The image's /app: package.json, node_modules pruned of the devDependencies, dist. node_modules is
# copied as hard links (same file system: fast, no space); prune only unlinks, the originals stay.
work=$(mktemp -d "${TMPDIR:-/tmp}/asamblea-production-XXXXXX")
suffix="$(date +%s)_$$"
database="asamblea_ci_boot_${suffix}"
prefix="ci-boot-${suffix}"
api_pid=""
database_made=false
cleanup() {
  if [ -n "$api_pid" ] && kill -0 "$api_pid" 2>/dev/null; then
    kill -KILL "$api_pid" 2>/dev/null || true
  fi
  if $database_made; then
    psql "$admin_url" -qX -c "DROP DATABASE IF EXISTS ${database} WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  if command -v redis-cli >/dev/null; then
    redis-cli -u "$redis_url" --scan --pattern "${prefix}:*" 2>/dev/null |
      xargs -r redis-cli -u "$redis_url" del >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

cp package.json package-lock.json "$work"/
cp -a dist "$work"/dist
cp -al node_modules "$work"/node_modules 2>/dev/null || cp -a node_modules "$work"/node_modules
# npm rewrites its hidden lock file in place: a hard link would carry the pruned one back into ./node_modules.
rm -f "$work/node_modules/.package-lock.json"
touch "$work/.before-prune"
(cd "$work" && npm prune --omit=dev --no-audit --no-fund --loglevel=error >/dev/null)
written=$(find node_modules -newer "$work/.before-prune" -type f -print -quit)
if [ -n "$written" ]; then
  say "npm prune in the copy wrote through a hard link into ./node_modules ($written): reinstall (npm install)"
  exit 1
fi
for dev in jest typescript-eslint vite @nestjs/testing; do
  if [ -e "$work/node_modules/$dev" ]; then
    say "npm prune --omit=dev left the devDependency $dev in place: this is not the production shape"
    exit 1
  fi
done
say "pruned copy ready in $(since "$copy_started") s (build and import check before it: $(awk -v a="$started" -v b="$copy_started" 'BEGIN { printf "%.1f", b - a }') s)"

database_env=()
if pg_isready -d "$admin_url" -q 2>/dev/null; then
  psql "$admin_url" -qX -v ON_ERROR_STOP=1 -c "CREATE DATABASE ${database}" >/dev/null
  database_made=true
  url=$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; console.log(u.href)' \
    "$admin_url" "$database")
  database_env=(DATABASE_URL="$url")
else
  say "no PostgreSQL at $admin_url: the build's embedded PostgreSQL stands in"
fi

port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
log="$work/api.log"
# What production requires (libs/config/src/app-config.ts, docker/compose.yml): NODE_ENV=production (no
# demo), JWT_SECRET of 32+ characters, SECRETS_KEY (32 bytes, base64), DATABASE_URL, REDIS_URL, CORS_ORIGINS.
(
  cd "$work" &&
    exec env NODE_ENV=production PORT="$port" DATA_DIR="$work/.data" REDIS_URL="$redis_url" \
      QUEUE_PREFIX="$prefix" JWT_SECRET="$(node -e 'console.log(require("crypto").randomBytes(36).toString("base64"))')" \
      SECRETS_KEY="$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))')" \
      RECORD_SIGNING_KEY="$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))')" \
      CORS_ORIGINS="http://localhost:$port" LOG_LEVEL=warn "${database_env[@]}" \
      node dist/apps/api/src/main.js
) >"$log" 2>&1 &
api_pid=$!

boot_started=$(date +%s.%N)
healthy=false
deadline=$(($(date +%s) + timeout))
while [ "$(date +%s)" -lt "$deadline" ]; do
  if ! kill -0 "$api_pid" 2>/dev/null; then break; fi
  status=$(node -e 'fetch(process.argv[1], { signal: AbortSignal.timeout(2000) }).then((r) => console.log(r.status), () => console.log(0))' \
    "http://127.0.0.1:$port/api/health")
  if [ "$status" = 200 ]; then
    healthy=true
    break
  fi
  sleep 0.5
done

if ! $healthy; then
  if kill -0 "$api_pid" 2>/dev/null; then
    say "FAILED: /api/health did not answer 200 within ${timeout} s"
  else
    wait "$api_pid" && code=0 || code=$?
    api_pid=""
    say "FAILED: the API exited with code $code before /api/health answered"
  fi
  echo "---- API output (last 60 lines) ----"
  tail -n 60 "$log"
  exit 1
fi
say "/api/health answered 200 $(since "$boot_started") s after start"

kill -TERM "$api_pid"
wait "$api_pid" && code=0 || code=$?
api_pid=""
if [ "$code" != 0 ]; then
  say "FAILED: the API exited with code $code on SIGTERM"
  tail -n 60 "$log"
  exit 1
fi
say "booted and stopped cleanly; $(since "$started") s in all"
