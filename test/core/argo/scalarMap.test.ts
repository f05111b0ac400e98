import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument, isScalar, isMap, Scalar } from 'yaml';
import { mapScalar, spanToRange } from '../../../core/argo/scalarMap';

function scalarOf(text: string): Scalar {
  const d = parseDocument(text);
  assert.ok(isMap(d.contents));
  const v = d.contents.items[0].value;
  assert.ok(isScalar(v));
  return v;
}

/** Every value char that is not produced by an escape or a fold must sit at its own offset in the text. */
function checkIdentity(text: string, expectStyle: string) {
  const node = scalarOf(text);
  assert.equal(node.type, expectStyle);
  const m = mapScalar(text, node);
  assert.ok(m, `no map for ${expectStyle}: ${JSON.stringify(text)}`);
  assert.equal(m.value, node.value);
  let checked = 0;
  for (let i = 0; i < m.value.length; i++) {
    const ch: string = m.value[i];
    if (ch === ' ' || ch === '\n') continue;
    const src: string | undefined = text[m.offsets[i]];
    if (src === '\\' || (src === "'" && ch === "'")) continue;
    assert.equal(src, ch, `char ${i} (${JSON.stringify(ch)}) of ${expectStyle} maps to ${JSON.stringify(src)}`);
    checked++;
  }
  assert.ok(checked > 3);
  return { node, m };
}

test('plain, single-line and folded over lines', () => {
  checkIdentity('selector: payload.a == "x" && discriminator == "d"\n', Scalar.PLAIN);
  checkIdentity('selector: payload.a == "x"\n  && discriminator\n\n  == "d"\n', Scalar.PLAIN);
});

test('single-quoted with doubled quotes and folding', () => {
  checkIdentity("selector: 'payload.a == ''x''\n  && true'\n", Scalar.QUOTE_SINGLE);
});

test('double-quoted with escapes, escaped line breaks and folding', () => {
  const { m } = checkIdentity('selector: "payload.a == \\"x\\" && \\u0041 == \\\n   payload.b\n  || false"\n', Scalar.QUOTE_DOUBLE);
  assert.ok(m.value.includes('"x"'));
  assert.ok(m.value.includes('A == payload.b || false'));
});

test('literal block scalar (the corpus github-path-filter shape)', () => {
  const text = 'spec:\n  selector: |\n    metadata["x-github-event"] == ["push"]\n\n    // comment\n    && discriminator == "d"\n';
  const d = parseDocument(text);
  const spec = (d.contents as any).items[0].value;
  const node = spec.items[0].value as Scalar;
  const m = mapScalar(text, node);
  assert.ok(m);
  const i = m.value.indexOf('discriminator');
  const r = spanToRange(m, node, { start: i, end: i + 'discriminator'.length });
  assert.equal(text.slice(r.start, r.end), 'discriminator');
});

test('literal block scalar with keep/strip chomping and explicit indentation', () => {
  checkIdentity('s: |-\n  a == 1\n  && b\n', Scalar.BLOCK_LITERAL);
  checkIdentity('s: |+\n  a == 1\n  && b\n\n', Scalar.BLOCK_LITERAL);
  checkIdentity('s: |2\n    a == 1\n  && b\n', Scalar.BLOCK_LITERAL);
});

test('folded block scalar', () => {
  checkIdentity('s: >\n  a == 1\n  && b\n\n  || c\n     more\n  end\n', Scalar.BLOCK_FOLDED);
});

test('spans map to the exact text for each style', () => {
  for (const text of ['k: foo(bar)\n', "k: 'foo(bar)'\n", 'k: "foo(bar)"\n', 'k: |\n  foo(bar)\n', 'k: >-\n  foo(bar)\n']) {
    const node = scalarOf(text);
    const m = mapScalar(text, node);
    assert.ok(m, text);
    const r = spanToRange(m, node, { start: 4, end: 7 });
    assert.equal(text.slice(r.start, r.end), 'bar', text);
  }
});

test('escape sequences widen the range to the whole escape', () => {
  const text = 'k: "a \\"b\\" c"\n';
  const node = scalarOf(text);
  const m = mapScalar(text, node);
  assert.ok(m);
  assert.equal(m.value, 'a "b" c');
  const r = spanToRange(m, node, { start: 2, end: 5 });
  assert.equal(text.slice(r.start, r.end), '\\"b\\"');
});
