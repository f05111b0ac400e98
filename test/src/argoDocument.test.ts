// The gate that starts the language server, the restart policy, and the published-schema URLs (pure modules of src/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { argoKindOf, isArgoTriggerText, SCAN_LIMIT } from '../../src/argoDocument';
import { RestartPolicy } from '../../src/restartPolicy';
import { ARGO_RELEASE_TAGS, argoSchemaUrl } from '../../src/argoSchema';
import { ARGO_VERSIONS } from '../../server/settings';
import { parseFile } from '../../core/argo';

const root = resolve(__dirname, '../..');
const corpus = join(root, '../shared/corpus/argo-examples');

test('isArgoTriggerText accepts every Argo trigger kind and rejects other YAML', () => {
  for (const kind of ['CronWorkflow', 'WorkflowEventBinding', 'WorkflowTemplate', 'ClusterWorkflowTemplate']) {
    assert.equal(isArgoTriggerText(`apiVersion: argoproj.io/v1alpha1\nkind: ${kind}\nmetadata:\n  name: x\n`), true, kind);
    assert.equal(isArgoTriggerText(`apiVersion: "argoproj.io/v1alpha1"\nkind: "${kind}" # c\n`), true, `${kind} quoted`);
    assert.equal(argoKindOf(`kind: ${kind}\napiVersion: argoproj.io/v1alpha1\n`), kind);
  }
  assert.equal(isArgoTriggerText('apiVersion: argoproj.io/v1alpha1\nkind: Workflow\n'), false, 'a plain Workflow does not start the server');
  assert.equal(isArgoTriggerText('apiVersion: batch/v1\nkind: CronJob\n'), false);
  assert.equal(isArgoTriggerText('apiVersion: batch/v1\nkind: CronWorkflow\n'), false, 'needs the argoproj.io group');
  assert.equal(isArgoTriggerText('kind: CronWorkflowish\napiVersion: argoproj.io/v1alpha1\n'), false);
  assert.equal(isArgoTriggerText(''), false);
  // a later document of a multi-document file counts
  assert.equal(isArgoTriggerText('apiVersion: v1\nkind: ConfigMap\n---\napiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\n'), true);
  // huge texts are only scanned at their start (bounded work per keystroke)
  const big = 'x: y\n'.repeat(SCAN_LIMIT / 5 + 10) + 'apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\n';
  assert.equal(isArgoTriggerText(big), false);
});

test('isArgoTriggerText agrees with the document model on the Argo examples', () => {
  const files = readdirSync(corpus).filter((f) => f.endsWith('.yaml'));
  assert.ok(files.length > 5, `corpus at ${corpus}`);
  for (const f of files) {
    const text = readFileSync(join(corpus, f), 'utf8');
    const kinds = parseFile(text).docs.filter((d) => d.apiVersion?.startsWith('argoproj.io/')).map((d) => d.kind);
    const want = kinds.some((k) => ['CronWorkflow', 'WorkflowEventBinding', 'WorkflowTemplate', 'ClusterWorkflowTemplate'].includes(k ?? ''));
    assert.equal(isArgoTriggerText(text), want, f);
  }
});

test('RestartPolicy restarts a bounded number of times within the window', () => {
  let now = 0;
  const p = new RestartPolicy({ maxRestarts: 3, windowMs: 60_000 }, () => now);
  assert.deepEqual([p.onCrash(), p.onCrash(), p.onCrash(), p.onCrash()], [true, true, true, false]);
  assert.equal(p.recentCrashes, 4);
  now += 61_000; // crashes age out of the window
  assert.equal(p.recentCrashes, 0);
  assert.equal(p.onCrash(), true);
  p.reset();
  assert.equal(p.recentCrashes, 0);
});

test('every Argo version setting maps to a published schema of a release tag of that line', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const versions: string[] = manifest.contributes.configuration.properties['argoTriggers.argoVersion'].enum;
  assert.deepEqual(versions, [...ARGO_VERSIONS]);
  for (const v of versions) {
    const tag = ARGO_RELEASE_TAGS[v as keyof typeof ARGO_RELEASE_TAGS];
    assert.ok(tag.startsWith(`${v}.`), `${v} → ${tag}`);
    assert.equal(argoSchemaUrl(v), `https://raw.githubusercontent.com/argoproj/argo-workflows/${tag}/api/jsonschema/schema.json`);
  }
});
