import { TextDocument } from 'vscode-languageserver-textdocument';
import { realCore } from '../server/coreImpl';
import { ArgoTriggersService } from '../server/service';
import { splitDocuments } from '../server/text';
import { makeFile } from './server.bench';
(async () => {
  const text = makeFile(500);
  const now = Date.now();
  for (let k = 0; k < 4; k++) {
    let t = performance.now();
    realCore.lintText(text, { argoVersion: 'v4.1', controllerZone: 'UTC', now });
    const whole = performance.now() - t;
    t = performance.now();
    for (const c of splitDocuments(text)) realCore.lintText(c.text, { argoVersion: 'v4.1', controllerZone: 'UTC', now });
    const chunked = performance.now() - t;
    const svc = new ArgoTriggersService({ core: realCore, now: () => now });
    t = performance.now();
    const r = await svc.diagnostics(TextDocument.create('file:///a' + k + '.yaml', 'yaml', 1, text));
    const service = performance.now() - t;
    t = performance.now();
    JSON.stringify(r.items);
    const json = performance.now() - t;
    console.log(`whole ${whole.toFixed(0)}  chunked ${chunked.toFixed(0)}  service ${service.toFixed(0)}  json ${json.toFixed(0)}`);
  }
})();
