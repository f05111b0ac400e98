#!/usr/bin/env bash
# Builds the real-cluster binaries (etcd, kube-apiserver, workflow-controller, argo) from Go modules through the
# wrapper modules in test/cluster/build/*/ (go.mod + go.sum committed). Idempotent: each binary is cached under
#   $HOME/.cache/argo-triggers/<component>-<version>-<key>/<binary>
# where <key> hashes the wrapper's go.mod/go.sum, the Go version and the build flags, so a warm run costs seconds.
# A component that cannot be built is recorded (with the error) instead of failing the whole set-up, so the
# cluster tests can skip with the exact reason. The result is written to $HOME/.cache/argo-triggers/cluster-bins.json.
# Usage: test/cluster/build.sh [component...]     (components: etcd kube-apiserver workflow-controller argo)
# Env:   CLUSTER_BUILD_NICE (default 10)  CLUSTER_BUILD_STRICT=1 (exit 1 when a component fails)
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
CACHE_ROOT="${ARGO_TRIGGERS_CACHE:-$HOME/.cache/argo-triggers}"
NICE="${CLUSTER_BUILD_NICE:-10}"
mkdir -p "$CACHE_ROOT"
MANIFEST="$CACHE_ROOT/cluster-bins.json"
ALL=(etcd kube-apiserver workflow-controller argo)
if [ "$#" -gt 0 ]; then WANT=("$@"); else WANT=("${ALL[@]}"); fi

export CGO_ENABLED=0
declare -A RESULT_PATH RESULT_ERR RESULT_VER
failed=0

if ! command -v go >/dev/null 2>&1; then
  for c in "${WANT[@]}"; do RESULT_ERR[$c]="Go toolchain not found on PATH (needs Go >= 1.26 and the Go module proxy)"; done
  GOVER="none"
else
  GOVER="$(go env GOVERSION)"
fi

timecmd() { # timecmd LOGFILE cmd... : runs cmd niced, with /usr/bin/time -v when available
  local log="$1"; shift
  if [ -x /usr/bin/time ]; then nice -n "$NICE" /usr/bin/time -v -o "$log.time" "$@" >"$log" 2>&1
  else nice -n "$NICE" "$@" >"$log" 2>&1; fi
}

# build COMPONENT WRAPPER_DIR MODULE PACKAGE BINARY [extra go build args...]
build() {
  local comp="$1" dir="$HERE/build/$2" mod="$3" pkg="$4" bin="$5"; shift 5
  local extra=("$@")
  local ver key out tmp start end
  ver="$(cd "$dir" && go list -m -f '{{.Version}}' "$mod" 2>"$CACHE_ROOT/.$comp.list.err")" || {
    RESULT_ERR[$comp]="cannot resolve $mod in $dir: $(tail -n 3 "$CACHE_ROOT/.$comp.list.err" | tr '\n' ' ')"; return 1; }
  key="$( (cat "$dir/go.mod" "$dir/go.sum"; echo "$GOVER $pkg ${extra[*]} ${KEY_EXTRA:-}") | sha256sum | cut -c1-12)"
  out="$CACHE_ROOT/$comp-$ver-$key"
  RESULT_VER[$comp]="$ver"
  if [ -x "$out/$bin" ]; then
    echo "== $comp $ver: cached ($out/$bin)"
    RESULT_PATH[$comp]="$out/$bin"; return 0
  fi
  echo "== $comp $ver: building $pkg (log: $out.build.log)"
  mkdir -p "$CACHE_ROOT"; tmp="$out.tmp.$$"; rm -rf "$tmp"; mkdir -p "$tmp"
  start=$(date +%s)
  if (cd "$dir" && timecmd "$out.build.log" go build -trimpath "${extra[@]}" -o "$tmp/$bin" "$pkg"); then
    end=$(date +%s)
    rm -rf "$out"; mv "$tmp" "$out"
    [ -f "$out.build.log.time" ] && mv "$out.build.log.time" "$out/build.time"
    echo "$((end - start))" > "$out/build.seconds"
    local rss=""; [ -f "$out/build.time" ] && rss="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/build.time")"
    echo "   built in $((end - start)) s${rss:+, peak RSS ${rss} KiB}"
    RESULT_PATH[$comp]="$out/$bin"; return 0
  fi
  rm -rf "$tmp"
  RESULT_ERR[$comp]="go build $pkg@$ver failed: $(grep -v '^go: downloading' "$out.build.log" | tail -n 6 | tr '\n' ' ') (full log: $out.build.log)"
  return 1
}

want() { local c; for c in "${WANT[@]}"; do [ "$c" = "$1" ] && return 0; done; return 1; }

if [ "$GOVER" != none ]; then
  if want etcd; then
    build etcd etcd go.etcd.io/etcd/server/v3 go.etcd.io/etcd/server/v3 etcd -ldflags "-s -w" || failed=1
  fi
  if want kube-apiserver; then
    KV="$(cd "$HERE/build/kube" && go list -m -f '{{.Version}}' k8s.io/kubernetes 2>/dev/null)"
    KMIN="${KV#v1.}"; KMIN="${KMIN%%.*}"
    build kube-apiserver kube k8s.io/kubernetes k8s.io/kubernetes/cmd/kube-apiserver kube-apiserver \
      -ldflags "-s -w -X k8s.io/component-base/version.gitVersion=$KV -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$KMIN -X k8s.io/client-go/pkg/version.gitVersion=$KV" \
      || failed=1
  fi
  AV="$(cd "$HERE/build/argo" && go list -m -f '{{.Version}}' github.com/argoproj/argo-workflows/v4 2>/dev/null)"
  ALDFLAGS="-s -w -X github.com/argoproj/argo-workflows/v4.version=$AV"
  ADIR="$(cd "$HERE/build/argo" && go mod download github.com/argoproj/argo-workflows/v4 >/dev/null 2>&1; go list -m -f '{{.Dir}}' github.com/argoproj/argo-workflows/v4 2>/dev/null)"
  # v3.7+/v4 embed the UI with //go:embed dist/app, and ui/dist is not in the module zip, so cmd/argo does not build
  # as published. `go build -overlay` cannot help: Go refuses overlays beneath GOMODCACHE ("Files beneath GOMODCACHE
  # must not be replaced", tried with Go 1.26.8). So the build uses a copy of the Argo module (from the module cache,
  # into $HOME/.cache only, never the repo) with:
  #   1. a placeholder ui/dist/app/index.html (what Argo's Makefile does when STATIC_FILES=false);
  #   2. argo-server and the controller's healthz listening on 127.0.0.1 instead of all interfaces (Argo has no bind
  #      flag): a one-line address change in each, applied with sed and checked.
  # The wrapper's go.mod/go.sum are used through -modfile with one added replace pointing at that copy.
  ASRC="$CACHE_ROOT/argo-src-$AV"
  if [ -n "$ADIR" ] && [ ! -f "$ASRC/.patched" ]; then
    rm -rf "$ASRC" && cp -r "$ADIR" "$ASRC" && chmod -R u+w "$ASRC" &&
    mkdir -p "$ASRC/ui/dist/app" &&
    printf '<!doctype html><title>argo-server (UI not built: test cluster)</title>\n' > "$ASRC/ui/dist/app/index.html" &&
    sed -i 's/address := fmt.Sprintf(":%d", port)/address := fmt.Sprintf("127.0.0.1:%d", port)/' "$ASRC/server/apiserver/argoserver.go" &&
    sed -i 's/http.ListenAndServe(":6060", nil)/http.ListenAndServe("127.0.0.1:6060", nil)/' "$ASRC/cmd/workflow-controller/main.go" &&
    grep -q 'fmt.Sprintf("127.0.0.1:%d", port)' "$ASRC/server/apiserver/argoserver.go" &&
    grep -q 'ListenAndServe("127.0.0.1:6060"' "$ASRC/cmd/workflow-controller/main.go" &&
    touch "$ASRC/.patched" || echo "!! could not prepare the patched Argo copy in $ASRC" >&2
  fi
  AMOD="$CACHE_ROOT/argo-modfile-$AV"; mkdir -p "$AMOD"
  cp "$HERE/build/argo/go.mod" "$AMOD/go.mod"; cp "$HERE/build/argo/go.sum" "$AMOD/go.sum"
  go mod edit -replace="github.com/argoproj/argo-workflows/v4=$ASRC" "$AMOD/go.mod"
  KEY_EXTRA="$( (cd "$ASRC" 2>/dev/null && cat ui/dist/app/index.html server/apiserver/argoserver.go cmd/workflow-controller/main.go) | sha256sum | cut -c1-12)"
  if want workflow-controller; then
    build workflow-controller argo github.com/argoproj/argo-workflows/v4 \
      github.com/argoproj/argo-workflows/v4/cmd/workflow-controller workflow-controller \
      -modfile="$AMOD/go.mod" -ldflags "$ALDFLAGS" || failed=1
  fi
  if want argo; then
    build argo argo github.com/argoproj/argo-workflows/v4 github.com/argoproj/argo-workflows/v4/cmd/argo argo \
      -modfile="$AMOD/go.mod" -ldflags "$ALDFLAGS" || failed=1
    if [ -n "${RESULT_PATH[argo]:-}" ]; then echo "${RESULT_PATH[argo]}" > "$CACHE_ROOT/ARGO_BIN"; fi
  fi
fi

# Manifest for the test harness (merged with an existing one so partial runs keep earlier results).
node - "$MANIFEST" <<EOF
const fs = require('fs');
const file = process.argv[2];
let m = {};
try { m = JSON.parse(fs.readFileSync(file, 'utf8')); } catch {}
const add = (c, path, version, error) => { m[c] = error ? { error, version: version || undefined } : { path, version }; };
$(for c in "${WANT[@]}"; do
  printf 'add(%s, %s, %s, %s);\n' "$(node -e 'console.log(JSON.stringify(process.argv[1]))' "$c")" \
    "$(node -e 'console.log(JSON.stringify(process.argv[1]))' "${RESULT_PATH[$c]:-}")" \
    "$(node -e 'console.log(JSON.stringify(process.argv[1]))' "${RESULT_VER[$c]:-}")" \
    "$(node -e 'console.log(JSON.stringify(process.argv[1]))' "${RESULT_ERR[$c]:-}")"
done)
m.go = $(node -e 'console.log(JSON.stringify(process.argv[1]))' "$GOVER");
fs.writeFileSync(file, JSON.stringify(m, null, 2) + '\n');
EOF
for c in "${WANT[@]}"; do
  if [ -n "${RESULT_ERR[$c]:-}" ]; then echo "!! $c NOT BUILT: ${RESULT_ERR[$c]}" >&2; fi
done
echo "== cluster binaries: $MANIFEST"
if [ "$failed" = 1 ] && [ "${CLUSTER_BUILD_STRICT:-0}" = 1 ]; then exit 1; fi
exit 0
