#!/usr/bin/env node
// Launcher for the bundled CLI (built by `npm run build`, part of `npm run setup`).
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write('argo-triggers: dist/cli.js is missing; run "npm run build" first\n');
  process.exit(2);
}
require(bundle).runCli();
