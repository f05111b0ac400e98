// Strict structure (unknown / mis-cased keys, JSON types) and our field models checked against Argo's JSON schema
// (read from ../shared at test time; the schema is never copied into the repository).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint, one, only, slice, applyFix, cron, CORPUS } from './helpers';
import { modelForKind, fieldExists, type ObjModel, type ArgoVersion } from '../../../core/argo';
import { nearMiss } from '../../../core/argo/structure';

test('unknown key with a near-miss rename fix', () => {
  const text = cron('  schedules: ["0 3 * * *"]\n  concurencyPolicy: Forbid');
  const f = one(lint(text), 'strict.unknownField');
  assert.equal(f.message, 'strict decoding error: unknown field "spec.concurencyPolicy"');
  assert.equal(slice(text, f), 'concurencyPolicy');
  const fixed = applyFix(text, f.fixes![0]);
  assert.match(fixed, /\n  concurrencyPolicy: Forbid/);
  assert.deepEqual(lint(fixed).filter((x) => x.severity === 'error'), []);
});

test('mis-cased key (strict decoding is case-sensitive) and paths with list indexes', () => {
  const text = cron('  Schedules: ["0 3 * * *"]\n  schedules: ["0 4 * * *"]').replace('      - name: main\n', '      - name: main\n        Inputs: {}\n');
  const fs = lint(text);
  assert.deepEqual(only(fs, 'strict.fieldCase').map((f) => f.message), [
    'strict decoding error: unknown field "spec.Schedules"',
    'strict decoding error: unknown field "spec.workflowSpec.templates[0].Inputs"',
  ]);
  const f = only(fs, 'strict.fieldCase')[1];
  assert.match(applyFix(text, f.fixes![0]), /\n        inputs: \{\}/);
});

test('JSON type mismatches use encoding/json wording', () => {
  const text = cron('  schedules: "0 3 * * *"\n  startingDeadlineSeconds: "10"\n  suspend: "no"');
  const fs = only(lint(text), 'strict.type');
  const msgs = fs.map((f) => f.message).sort();
  assert.deepEqual(msgs, [
    'json: cannot unmarshal string into Go struct field CronWorkflowSpec.spec.schedules of type []string',
    'json: cannot unmarshal string into Go struct field CronWorkflowSpec.spec.startingDeadlineSeconds of type int64',
    'json: cannot unmarshal string into Go struct field CronWorkflowSpec.spec.suspend of type bool',
  ]);
  // YAML 1.1 booleans are booleans for Go's YAML library
  assert.deepEqual(only(lint(cron('  schedules: ["0 3 * * *"]\n  suspend: yes')), 'strict.type'), []);
});

test('labels must be strings', () => {
  const text = cron('  schedules: ["0 3 * * *"]\n  workflowMetadata:\n    labels:\n      n: 1');
  const f = one(lint(text), 'strict.type');
  assert.equal(slice(text, f), '1');
});

test('nearMiss', () => {
  assert.equal(nearMiss('schedule', ['schedules', 'suspend']), 'schedules');
  assert.equal(nearMiss('tmezone', ['timezone']), 'timezone');
  assert.equal(nearMiss('zzzzzz', ['timezone']), undefined);
});

// ---- model vs Argo's JSON schema (test data only) ----
type Schema = { definitions: Record<string, { properties?: Record<string, { $ref?: string; items?: { $ref?: string } }> }> };
const P = 'io.argoproj.workflow.v1alpha1.';

function checkModel(schema: Schema, def: string, model: ObjModel, v: ArgoVersion, seen = new Set<string>()): string[] {
  if (seen.has(def)) return [];
  seen.add(def);
  const d = schema.definitions[def];
  if (!d?.properties) return [`${def}: not in schema`];
  const problems: string[] = [];
  const theirs = new Set(Object.keys(d.properties));
  const ours = new Set(Object.entries(model.fields).filter(([, f]) => fieldExists(f, v)).map(([k]) => k));
  for (const k of theirs) if (!ours.has(k)) problems.push(`${def}.${k} missing in our model`);
  for (const k of ours) if (!theirs.has(k)) problems.push(`${def}.${k} not in Argo's schema`);
  for (const [k, f] of Object.entries(model.fields)) {
    const prop = d.properties[k];
    let ref = prop?.$ref ?? prop?.items?.$ref;
    if (ref?.endsWith('.ParallelSteps')) ref = `#/definitions/${P}WorkflowStep`;
    const sub = f.model ?? f.items?.model ?? f.items?.items?.model;
    if (ref && sub && fieldExists(f, v)) problems.push(...checkModel(schema, ref.replace(/^#\/definitions\//, ''), sub(), v, seen));
  }
  return problems;
}

test('our models have exactly the fields of Argo v4.1 (HEAD) and v3.7.18 schemas', () => {
  for (const [file, v] of [['schema.json', 'v4.1'], ['schema-v3.7.18.json', 'v3.7']] as const) {
    const schema = JSON.parse(readFileSync(join(CORPUS, 'argo-crds/jsonschema', file), 'utf8')) as Schema;
    const problems: string[] = [];
    for (const [kind, def] of [['CronWorkflow', 'CronWorkflow'], ['WorkflowEventBinding', 'WorkflowEventBinding'], ['WorkflowTemplate', 'WorkflowTemplate'], ['Workflow', 'Workflow']]) {
      problems.push(...checkModel(schema, P + def, modelForKind(kind)!, v));
    }
    assert.deepEqual(problems, [], file);
  }
});

test('keys named like Object.prototype members are unknown fields too (the models are plain objects)', () => {
  const text = cron('  schedules: ["0 3 * * *"]\n  constructor: 1\n  toString: a\n  __proto__: {}');
  assert.deepEqual(only(lint(text), 'strict.unknownField').map((f) => f.message), [
    'strict decoding error: unknown field "spec.constructor"',
    'strict decoding error: unknown field "spec.toString"',
    'strict decoding error: unknown field "spec.__proto__"',
  ]);
});
