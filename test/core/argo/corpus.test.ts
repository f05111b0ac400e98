// Every Argo example in the corpus lints with 0 false errors for the versions it targets; the malformed e2e
// fixtures give Argo's errors (the error `argo lint --offline --strict` prints first for the object).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basename, join } from 'node:path';
import { corpusFiles, read, EXAMPLES, firstArgoError } from './helpers';
import { lintText, lintDocuments, TemplateIndex, ARGO_VERSIONS, type ArgoVersion, type Finding } from '../../../core/argo';

const NOW = Date.UTC(2026, 10, 26);
const KNOWN_BAD = new Set(['malformed-cronworkflow.yaml', 'cron-and-malformed-template.yaml']);
const LEGACY = new Set(['convert-legacy-cron.yaml']);

function corpusIndex(): TemplateIndex {
  // like argo lint --offline over the directory: every template among the args is known
  const index = new TemplateIndex();
  for (const f of corpusFiles()) index.update(f, read(f));
  return index;
}

function targets(file: string): ArgoVersion[] {
  const text = read(file);
  if (LEGACY.has(basename(file))) return ['v3.5', 'v3.6', 'v3.7'];
  // files using spec.schedules target v3.6+; the rest (templates, bindings) every version
  return /^\s+schedules:/m.test(text) ? ['v3.6', 'v3.7', 'v4.0', 'v4.1'] : [...ARGO_VERSIONS];
}

test('corpus: 0 errors for every well-formed example in every version it targets', () => {
  const index = corpusIndex();
  const files = corpusFiles();
  assert.ok(files.length >= 25, `corpus has ${files.length} YAML files`);
  let checked = 0;
  for (const f of files) {
    if (KNOWN_BAD.has(basename(f))) continue;
    for (const v of targets(f)) {
      const errors = lintText(read(f), { argoVersion: v, controllerZone: 'UTC', now: NOW, index, uri: f, offline: true }).filter((x) => x.severity === 'error');
      assert.deepEqual(errors.map((e) => `${e.code}: ${e.message}`), [], `${basename(f)} @ ${v}`);
      checked++;
    }
  }
  assert.ok(checked > 80, `checked ${checked} file×version pairs`);
});

function firstErrorPerObject(file: string, v: ArgoVersion): Map<string, string> {
  const out = new Map<string, string>();
  for (const g of lintDocuments(read(file), { argoVersion: v, controllerZone: 'UTC', now: NOW, index: corpusIndex(), offline: true })) {
    const e: Finding | undefined = firstArgoError(g.findings);
    if (e && g.doc) out.set(`${g.doc.name} (${g.doc.kind})`, e.message);
  }
  return out;
}

test('malformed-cronworkflow.yaml: strict decoding fails on the map-typed parameters (fatal, before validation)', () => {
  for (const v of ARGO_VERSIONS) {
    const m = firstErrorPerObject(join(EXAMPLES, 'e2e-testdata/malformed-cronworkflow.yaml'), v);
    assert.deepEqual([...m], [['malformed (CronWorkflow)',
      'json: cannot unmarshal object into Go struct field Arguments.spec.workflowSpec.arguments.parameters of type []v1alpha1.Parameter']], v);
  }
});

test('cron-and-malformed-template.yaml: the WorkflowTemplate has the unknown field "spec.entrypoints"; the CronWorkflow is fine', () => {
  for (const v of ['v3.6', 'v3.7', 'v4.0', 'v4.1'] as const) {
    const m = firstErrorPerObject(join(EXAMPLES, 'e2e-testdata/cron-and-malformed-template.yaml'), v);
    assert.deepEqual([...m], [['basic-malformed (WorkflowTemplate)', 'strict decoding error: unknown field "spec.entrypoints"']], v);
  }
});

test('convert-legacy-cron.yaml: v4 rejects spec.schedule as an unknown field; v3.5–3.7 accept it', () => {
  for (const v of ['v4.0', 'v4.1'] as const) {
    const m = firstErrorPerObject(join(EXAMPLES, 'e2e-testdata/convert-legacy-cron.yaml'), v);
    assert.deepEqual([...m], [['legacy-cron (CronWorkflow)', 'strict decoding error: unknown field "spec.schedule"']]);
  }
});
