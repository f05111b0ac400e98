#!/usr/bin/env bash
# Installs what the end-to-end suite (test/e2e) and `npm start` need: Debian Chromium, ripgrep and the headers that
# code-server's native modules build against, then code-server 4.100.3 (VS Code 1.100.3) and playwright-core into
#   $HOME/.cache/argo-triggers/code-server-4.100.3/
# following shared/notes/code-server-e2e.md. Nothing is downloaded except from Debian's and npm's package registries
# (code-server's own postinstall, which fetches ripgrep from elsewhere, is skipped; Debian's rg is copied in).
# Idempotent: a stamp file marks a complete install, and a re-run with the stamp present does nothing.
set -euo pipefail

CS_VERSION=4.100.3
PW_RANGE=1
DIR="${ARGO_TRIGGERS_CODE_SERVER_DIR:-$HOME/.cache/argo-triggers/code-server-$CS_VERSION}"
STAMP="$DIR/.complete"
ENTRY="$DIR/node_modules/code-server/out/node/entry.js"

say() { echo "[setup-e2e] $*"; }

# 1. Debian packages (only the missing ones).
APT_PKGS=(chromium ripgrep libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev)
missing=()
for p in "${APT_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then
    say "missing Debian packages: ${missing[*]} (need root to apt-get install them)"; exit 1
  fi
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  say "apt-get install ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  say "Debian packages present: ${APT_PKGS[*]}"
fi

# 2. code-server + playwright-core (skipped when the stamp says a previous run completed).
if [ -f "$STAMP" ] && [ -f "$ENTRY" ]; then
  say "code-server $CS_VERSION already installed in $DIR ($(cat "$STAMP"))"
  exit 0
fi

say "installing code-server $CS_VERSION and playwright-core@$PW_RANGE into $DIR"
mkdir -p "$DIR"
cd "$DIR"
[ -f package.json ] || echo '{ "name": "argo-triggers-e2e-tools", "private": true }' > package.json
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

say "npm install --ignore-scripts code-server@$CS_VERSION playwright-core@$PW_RANGE"
npm install --ignore-scripts --no-save "code-server@$CS_VERSION" "playwright-core@$PW_RANGE"

cd "$DIR/node_modules/code-server/lib/vscode"
say "npm install --ignore-scripts (VS Code's own dependencies)"
npm install --ignore-scripts
say "npm rebuild native modules (kerberos node-pty @parcel/watcher @vscode/deviceid @vscode/spdlog native-watchdog)"
npm_config_yes=true npm rebuild kerberos node-pty @parcel/watcher @vscode/deviceid @vscode/spdlog native-watchdog
say "ripgrep: copying Debian's $(command -v rg)"
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar
say "npm install --ignore-scripts (built-in extensions)"
(cd extensions && npm install --ignore-scripts)

cd "$DIR"
say "npm rebuild argon2"
npm_config_yes=true npm rebuild argon2

# An explicit config file keeps code-server from writing a default one (with a generated password) to ~/.config.
printf 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n' > "$DIR/config.yaml"
version="$(node "$ENTRY" --config "$DIR/config.yaml" --version | grep -E "^[0-9]+\.[0-9]+\.[0-9]+ " | head -1)"
say "code-server reports: $version"
case "$version" in
  "$CS_VERSION"*) ;;
  *) say "unexpected version output"; exit 1 ;;
esac
echo "$version; installed $(date -u +%Y-%m-%dT%H:%M:%SZ)" > "$STAMP"
say "done: $ENTRY"
