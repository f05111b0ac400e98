#!/usr/bin/env bash
# npm start: a real VS Code (code-server 4.100.3) in your browser on the demo workspace, with this extension built
# and installed unpacked into a temporary extensions folder. Binds 127.0.0.1 only; Ctrl-C stops it (by pid) and
# removes the temporary folders. Needs `npm run setup` (or scripts/setup-e2e.sh) once.
# Environment: PORT (default: a free port), ARGO_TRIGGERS_WORKSPACE (default: demo/, opened in place so your edits stay).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$(pwd)"
CS_DIR="${ARGO_TRIGGERS_CODE_SERVER_DIR:-$HOME/.cache/argo-triggers/code-server-4.100.3}"
ENTRY="$CS_DIR/node_modules/code-server/out/node/entry.js"
WORKSPACE="${ARGO_TRIGGERS_WORKSPACE:-$REPO/demo}"

if [ ! -f "$CS_DIR/.complete" ] || [ ! -f "$ENTRY" ]; then
  echo "code-server 4.100.3 is not installed in $CS_DIR; run: npm run setup   (or scripts/setup-e2e.sh)" >&2
  exit 1
fi

NAME="$(node -p "const p=require('./package.json'); p.publisher + '.' + p.name + '-' + p.version")"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/argo-triggers-start-XXXXXX")"
EXT="$TMP/extensions/$NAME"
UD="$TMP/user-data"
CS_PID=""

cleanup() {
  trap - INT TERM EXIT
  if [ -n "$CS_PID" ] && kill -0 "$CS_PID" 2>/dev/null; then
    echo; echo "stopping code-server (pid $CS_PID)"
    kill -TERM -- "-$CS_PID" 2>/dev/null || kill -TERM "$CS_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$CS_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$CS_PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup INT TERM EXIT

echo "== building the extension"
node scripts/build.mjs
mkdir -p "$EXT/dist" "$UD/User"
cp dist/extension.js dist/server.js "$EXT/dist/"
cp dist/extension.js.map dist/server.js.map "$EXT/dist/" 2>/dev/null || true
for f in package.json README.md LICENSE syntaxes media resources; do
  [ -e "$f" ] && cp -r "$f" "$EXT/"
done
cat > "$UD/User/settings.json" <<'JSON'
{
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "update.mode": "none"
}
JSON
printf 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n' > "$TMP/config.yaml"

if [ -z "${PORT:-}" ]; then
  PORT="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
fi

echo "== starting code-server on 127.0.0.1:$PORT"
# setsid: code-server and everything it spawns share one process group, stopped together by pid on exit.
env -u VSCODE_IPC_HOOK_CLI \
  EXTENSIONS_GALLERY='{"serviceUrl":"http://127.0.0.1:9/gallery","itemUrl":"http://127.0.0.1:9/item"}' \
  setsid node "$ENTRY" --config "$TMP/config.yaml" --auth none --bind-addr "127.0.0.1:$PORT" \
  --user-data-dir "$UD" --extensions-dir "$TMP/extensions" \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  "$WORKSPACE" > "$TMP/code-server.log" 2>&1 &
CS_PID=$!

URL="http://127.0.0.1:$PORT/?folder=$WORKSPACE"
for _ in $(seq 1 600); do
  if grep -q "HTTP server listening" "$TMP/code-server.log" 2>/dev/null; then break; fi
  if ! kill -0 "$CS_PID" 2>/dev/null; then cat "$TMP/code-server.log" >&2; echo "code-server exited" >&2; exit 1; fi
  sleep 0.1
done
grep -q "HTTP server listening" "$TMP/code-server.log" || { cat "$TMP/code-server.log" >&2; echo "code-server did not start" >&2; exit 1; }

echo
echo "  Argo Triggers demo is running:  $URL"
echo "  (extension output: F1 → \"Argo Triggers: Show Output\"; logs in $UD/logs)"
echo "  Press Ctrl-C to stop."
echo
wait "$CS_PID"
