// Webhook signatures: Argo's own e2e test vector (TestSubmitWorkflowTemplateFromGithubWebhook) plus round trips.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signWebhook, verifyWebhook, WEBHOOK_BODY_LIMIT } from '../../../core/argo';
import { EXAMPLES } from './helpers';

const body = readFileSync(join(EXAMPLES, 'e2e-testdata/github-webhook-payload.json'));
const VECTOR = 'sha256=dd6f6b41f6d0cb9523d6459032e164e220853b683a5e87892145b0eb0b84e0cd';

test('GitHub v3.7+: X-Hub-Signature-256 over the exact bytes matches the Argo e2e vector', () => {
  const h = signWebhook('github', 'shh!', body, 'v4.1');
  assert.deepEqual(h, [['X-GitHub-Event', 'push'], ['X-Hub-Signature-256', VECTOR]]);
  assert.deepEqual(verifyWebhook('github', 'shh!', body, [['X-Github-Event', 'push'], ['X-Hub-Signature-256', VECTOR]], 'v4.1'), { ok: true });
  // the sha256= prefix is optional
  assert.deepEqual(verifyWebhook('github', 'shh!', body, [['X-Github-Event', 'push'], ['X-Hub-Signature-256', VECTOR.slice(7)]], 'v3.7'), { ok: true });
  assert.equal(verifyWebhook('github', 'wrong', body, [['X-Github-Event', 'push'], ['X-Hub-Signature-256', VECTOR]], 'v4.1').ok, false);
  assert.equal(verifyWebhook('github', 'shh!', body, [['X-Github-Event', 'pushed'], ['X-Hub-Signature-256', VECTOR]], 'v4.1').ok, false);
});

test('GitHub v3.5/v3.6 use X-Hub-Signature with SHA-1', () => {
  const h = signWebhook('github', 'shh!', body, 'v3.6');
  assert.equal(h[1][0], 'X-Hub-Signature');
  assert.match(h[1][1], /^sha1=[0-9a-f]{40}$/);
  assert.deepEqual(verifyWebhook('github', 'shh!', body, h, 'v3.6'), { ok: true });
  assert.equal(verifyWebhook('github', 'shh!', body, h, 'v4.1').ok, false, 'a v4 server wants X-Hub-Signature-256');
});

test('GitLab token, Bitbucket UUID, Bitbucket Server HMAC round trips', () => {
  for (const type of ['gitlab', 'bitbucket', 'bitbucketserver'] as const) {
    const h = signWebhook(type, 's3cret', '{"a":1}', 'v4.1');
    assert.deepEqual(verifyWebhook(type, 's3cret', '{"a":1}', h, 'v4.1'), { ok: true }, type);
    assert.equal(verifyWebhook(type, 'other', '{"a":1}', h, 'v4.1').ok, false, type);
  }
  assert.equal(verifyWebhook('bitbucketserver', 's', '{}', [['X-Event-Key', 'diagnostics:ping'], ['X-Hub-Signature', 'sha256=00']], 'v4.1').ok, false);
});

test('2 MB body limit from v3.7', () => {
  const big = Buffer.alloc(WEBHOOK_BODY_LIMIT + 1, 32);
  const h = signWebhook('gitlab', 's', big, 'v4.1');
  assert.deepEqual(verifyWebhook('gitlab', 's', big, h, 'v4.1'), { ok: false, reason: 'webhook request body exceeds maximum size of 2MB' });
  assert.deepEqual(verifyWebhook('gitlab', 's', big, h, 'v3.6'), { ok: true });
});
