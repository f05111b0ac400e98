#!/usr/bin/env bash
# One-time set-up for a developer: npm packages, bundles, and the tools the end-to-end and cluster suites use.
# Heavy pieces are cached under $HOME/.cache/argo-triggers keyed by version, so re-running is cheap.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
npm run build
for step in scripts/setup-e2e.sh test/cluster/build.sh; do
  if [ -x "$step" ]; then echo "== $step"; "$step"; fi
done
