#!/usr/bin/env bash
# Regenerates this wrapper module (go.mod + go.sum) for a kube-apiserver built from k8s.io/kubernetes.
# k8s.io/kubernetes requires its staging modules at v0.0.0 and replaces them with ./staging/... paths that are
# not in the module zip; a wrapper main module replaces each one with its published twin (v1.X.Y -> v0.X.Y).
# The staging list is read from the proxy's copy of kubernetes' go.mod, never hard-coded.
# Usage: KUBE_VERSION=1.36.3 ./gen.sh   (run by a developer; commit go.mod and go.sum)
set -euo pipefail
cd "$(dirname "$0")"
KV="${KUBE_VERSION:-1.36.3}"; SV="0.${KV#1.}"
printf 'module example.invalid/argo-triggers/cluster-kube\n\ngo 1.26\n' > go.mod
rm -f go.sum
KMOD=$(go mod download -json "k8s.io/kubernetes@v$KV" | python3 -c 'import json,sys;print(json.load(sys.stdin)["GoMod"])')
for m in $(sed -n 's#^[[:space:]]*\(k8s.io/[^ ]*\) => \./staging/.*#\1#p' "$KMOD"); do
  go mod edit -replace="$m=$m@v$SV"
done
go mod edit -require="k8s.io/kubernetes@v$KV"
go get -tool "k8s.io/kubernetes/cmd/kube-apiserver@v$KV"
go mod tidy
