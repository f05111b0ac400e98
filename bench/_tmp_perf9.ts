import { realCore } from '../server/coreImpl';
import { WorkspaceIndex } from '../server/workspaceIndex';
import { makeFile } from './server.bench';
const big = makeFile(500);
for (let k = 0; k < 4; k++) {
  const idx = new WorkspaceIndex(realCore.newTemplateIndex());
  let t = performance.now();
  idx.setYaml('file:///x' + k, big);
  const a = performance.now() - t;
  t = performance.now();
  idx.setYaml('file:///x' + k, big);
  const b = performance.now() - t;
  const ti = realCore.newTemplateIndex();
  t = performance.now();
  ti.update('file:///y', big);
  const c = performance.now() - t;
  t = performance.now();
  realCore.parseFile(big);
  const d = performance.now() - t;
  console.log(`setYaml first ${a.toFixed(0)} ms, again ${b.toFixed(0)} ms; TemplateIndex.update(whole) ${c.toFixed(0)} ms; parseFile(whole) ${d.toFixed(0)} ms`);
}
