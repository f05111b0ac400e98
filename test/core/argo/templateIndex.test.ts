// The template index keeps its by-name lists up to date file by file; they must always equal the definition:
// every template of that kind and name, in the order of all() (files in index order, documents in file order).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TemplateIndex, type TemplateInfo } from '../../../core/argo';
import { rng } from '../../helpers/rng';

const KINDS = ['WorkflowTemplate', 'ClusterWorkflowTemplate'];
const NAMES = ['build', 'deploy', 'test', 'lint'];
const NAMESPACES = ['', 'argo', 'ci'];

function fileText(r: () => number): string {
  const n = Math.floor(r() * 4);
  const docs: string[] = [];
  for (let i = 0; i < n; i++) {
    const kind = KINDS[Math.floor(r() * KINDS.length)];
    const ns = NAMESPACES[Math.floor(r() * NAMESPACES.length)];
    docs.push(`apiVersion: argoproj.io/v1alpha1\nkind: ${kind}\nmetadata:\n  name: ${NAMES[Math.floor(r() * NAMES.length)]}\n` +
      (ns ? `  namespace: ${ns}\n` : '') + `spec:\n  entrypoint: main\n  templates:\n    - name: main${i}\n      container: {image: alpine}\n`);
  }
  return docs.join('---\n');
}

/** find() by its definition over all(): exact namespace first (any for a ClusterWorkflowTemplate), else the first
 *  whose namespace is unspecified on either side. */
function findByDefinition(all: TemplateInfo[], kind: string, name: string, namespace?: string): TemplateInfo | undefined {
  const cands = all.filter((t) => t.kind === kind && t.name === name);
  return cands.find((t) => kind === 'ClusterWorkflowTemplate' || (t.namespace ?? '') === (namespace ?? '')) ??
    cands.find((t) => !t.namespace || !namespace || t.namespace === namespace);
}

test('by-name lookups, hasName and size stay equal to a scan of all() through 3,000 random updates and removals', () => {
  const r = rng(20261127);
  const idx = new TemplateIndex();
  const uris = Array.from({ length: 8 }, (_, i) => `file:///w/${i}.yaml`);
  let checks = 0;
  for (let step = 0; step < 3000; step++) {
    const uri = uris[Math.floor(r() * uris.length)];
    if (r() < 0.2) idx.remove(uri);
    else idx.update(uri, fileText(r));
    if (step % 3 === 0) { idx.find('WorkflowTemplate', 'build'); } // the lists exist before most changes
    const all = idx.all();
    assert.equal(idx.size(), all.length, `size() at step ${step}`);
    for (const name of [...NAMES, 'absent']) assert.equal(idx.hasName(name), all.some((t) => t.name === name), `hasName(${name}) at step ${step}`);
    for (const name of NAMES) {
      assert.deepEqual(idx.named(name), [...all.filter((t) => t.kind === 'WorkflowTemplate' && t.name === name), ...all.filter((t) => t.kind === 'ClusterWorkflowTemplate' && t.name === name)], `named(${name}) at step ${step}`);
      for (const kind of KINDS) {
        for (const ns of [undefined, ...NAMESPACES.filter(Boolean)]) {
          assert.equal(idx.find(kind, name, ns), findByDefinition(all, kind, name, ns), `find(${kind}, ${name}, ${ns}) at step ${step}`);
          checks++;
        }
      }
    }
  }
  assert.ok(checks > 50_000);
});
