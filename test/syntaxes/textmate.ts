// Test helper: tokenizes YAML with a real TextMate engine (vscode-textmate + vscode-oniguruma), with our injection
// grammars from syntaxes/ injected into source.yaml, exactly as VS Code does for a `grammars[].injectTo` contribution.
// Two host YAML grammars: the one VS Code 1.100.3 ships (taken from the code-server install the e2e set-up caches, if
// present) and textmate/yaml.tmbundle (npm tm-grammars, always present).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';

const ROOT = resolve(__dirname, '..', '..');
export const VSCODE_YAML_DIR =
  process.env.ARGO_TRIGGERS_VSCODE_YAML_SYNTAXES ??
  join(
    process.env.ARGO_TRIGGERS_CODE_SERVER_DIR ?? join(homedir(), '.cache/argo-triggers/code-server-4.100.3'),
    'node_modules/code-server/lib/vscode/extensions/yaml/syntaxes',
  );

export type Host = 'vscode' | 'tmbundle';
export interface Token { text: string; scopes: string[] }

let onig: Promise<vsctm.IOnigLib> | undefined;
function onigLib(): Promise<vsctm.IOnigLib> {
  onig ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
    return {
      createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    };
  })();
  return onig;
}

/** The injection grammars contributed in package.json (path + scopeName + injectTo). */
export function contributedInjections(): { path: string; scopeName: string; injectTo: string[] }[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  return (pkg.contributes?.grammars ?? []).filter((g: { injectTo?: string[] }) => g.injectTo);
}

export function hostAvailable(host: Host): boolean {
  return host === 'tmbundle' || existsSync(join(VSCODE_YAML_DIR, 'yaml.tmLanguage.json'));
}

const grammarCache = new Map<Host, Promise<vsctm.IGrammar>>();
export function loadYamlGrammar(host: Host): Promise<vsctm.IGrammar> {
  let g = grammarCache.get(host);
  if (!g) {
    g = (async () => {
      const files = new Map<string, string>();
      if (host === 'vscode') {
        for (const f of readdirSync(VSCODE_YAML_DIR).filter((n) => n.endsWith('.json'))) {
          const p = join(VSCODE_YAML_DIR, f);
          files.set(JSON.parse(readFileSync(p, 'utf8')).scopeName, p);
        }
      } else {
        files.set('source.yaml', join(ROOT, 'node_modules/tm-grammars/grammars/yaml.json'));
      }
      const injections: string[] = [];
      for (const c of contributedInjections()) {
        files.set(c.scopeName, join(ROOT, c.path));
        if (c.injectTo.includes('source.yaml')) injections.push(c.scopeName);
      }
      const registry = new vsctm.Registry({
        onigLib: onigLib(),
        loadGrammar: async (scope) => {
          const p = files.get(scope);
          return p ? vsctm.parseRawGrammar(readFileSync(p, 'utf8'), p) : null;
        },
        getInjections: (scope) => (scope === 'source.yaml' ? injections : undefined),
      });
      const grammar = await registry.loadGrammar('source.yaml');
      if (!grammar) throw new Error(`cannot load source.yaml for ${host}`);
      return grammar;
    })();
    grammarCache.set(host, g);
  }
  return g;
}

/** Tokenizes a whole text; returns the tokens per line (scopes without the root source.yaml). */
export async function tokenize(host: Host, text: string): Promise<Token[][]> {
  const grammar = await loadYamlGrammar(host);
  let state = vsctm.INITIAL;
  const out: Token[][] = [];
  for (const line of text.split(/\r?\n/)) {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    out.push(r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes.slice(1) })));
  }
  return out;
}

/** Human-readable dump for debugging: one line per token. */
export function dump(lines: Token[][], text: string): string {
  const src = text.split(/\r?\n/);
  return lines
    .map((toks, i) => `>> ${src[i]}\n` + toks.map((t) => `   ${JSON.stringify(t.text).padEnd(26)} ${t.scopes.join(' ')}`).join('\n'))
    .join('\n');
}

if (require.main === module) {
  // node --import tsx test/syntaxes/textmate.ts <vscode|tmbundle> file.yaml
  const [host, file] = process.argv.slice(2) as [Host, string];
  const text = readFileSync(file, 'utf8');
  tokenize(host, text).then((l) => console.log(dump(l, text)));
}
