// Webhook signing and verification as argo-server's interceptor does it (argo-triggers.md §5):
// go-playground/webhooks v5.17.0 (Argo v3.5/v3.6) and v6.4.0 (v3.7+). Pure crypto, no network.
import { createHmac, createHash, timingSafeEqual } from 'node:crypto';
import { features, type ArgoVersion } from './versions';

export type WebhookType = 'github' | 'gitlab' | 'bitbucket' | 'bitbucketserver';
export const WEBHOOK_BODY_LIMIT = 2 * 1024 * 1024;

export const WEBHOOK_EVENTS: Record<WebhookType, { header: string; events: string[] }> = {
  github: {
    header: 'X-GitHub-Event',
    events: ['check_run', 'check_suite', 'code_scanning_alert', 'commit_comment', 'create', 'delete', 'dependabot_alert', 'deploy_key', 'deployment',
      'deployment_status', 'fork', 'github_app_authorization', 'gollum', 'installation', 'installation_repositories', 'integration_installation',
      'integration_installation_repositories', 'issue_comment', 'issues', 'label', 'member', 'membership', 'milestone', 'meta', 'organization',
      'org_block', 'page_build', 'ping', 'project_card', 'project_column', 'project', 'public', 'pull_request', 'pull_request_review',
      'pull_request_review_comment', 'push', 'release', 'repository', 'repository_vulnerability_alert', 'security_advisory', 'status', 'team',
      'team_add', 'watch', 'workflow_dispatch', 'workflow_job', 'workflow_run'],
  },
  gitlab: {
    header: 'X-Gitlab-Event',
    events: ['Push Hook', 'Tag Push Hook', 'Issue Hook', 'Confidential Issue Hook', 'Note Hook', 'Merge Request Hook', 'Wiki Page Hook', 'Pipeline Hook',
      'Build Hook', 'Job Hook', 'System Hook'],
  },
  bitbucket: {
    header: 'X-Event-Key',
    events: ['repo:push', 'repo:fork', 'repo:updated', 'repo:commit_comment_created', 'repo:commit_status_created', 'repo:commit_status_updated',
      'issue:created', 'issue:updated', 'issue:comment_created', 'pullrequest:created', 'pullrequest:updated', 'pullrequest:approved',
      'pullrequest:unapproved', 'pullrequest:fulfilled', 'pullrequest:rejected', 'pullrequest:comment_created', 'pullrequest:comment_updated',
      'pullrequest:comment_deleted'],
  },
  bitbucketserver: {
    header: 'X-Event-Key',
    events: ['repo:refs_changed', 'repo:modified', 'repo:forked', 'repo:comment:added', 'repo:comment:edited', 'repo:comment:deleted', 'pr:opened',
      'pr:from_ref_updated', 'pr:modified', 'pr:merged', 'pr:declined', 'pr:deleted', 'pr:reviewer:updated', 'pr:reviewer:approved',
      'pr:reviewer:unapproved', 'pr:reviewer:needs_work', 'pr:comment:added', 'pr:comment:edited', 'pr:comment:deleted'],
  },
};

const toBuf = (b: Uint8Array | string): Buffer => (typeof b === 'string' ? Buffer.from(b, 'utf8') : Buffer.from(b));

/** Headers a sender adds so argo-server's interceptor accepts the request for this type and Argo version. */
export function signWebhook(type: WebhookType, secret: string, body: Uint8Array | string, argoVersion: ArgoVersion, event?: string): [string, string][] {
  const ev = event ?? (type === 'github' ? 'push' : type === 'gitlab' ? 'Push Hook' : type === 'bitbucket' ? 'repo:push' : 'repo:refs_changed');
  const headers: [string, string][] = [[WEBHOOK_EVENTS[type].header, ev]];
  const b = toBuf(body);
  switch (type) {
    case 'github': {
      const g = features(argoVersion).githubSignature;
      headers.push([g.header, `${g.algorithm}=${createHmac(g.algorithm, secret).update(b).digest('hex')}`]);
      break;
    }
    case 'gitlab':
      headers.push(['X-Gitlab-Token', secret]);
      break;
    case 'bitbucket':
      headers.push(['X-Hook-UUID', secret]);
      break;
    case 'bitbucketserver':
      headers.push(['X-Hub-Signature', `sha256=${createHmac('sha256', secret).update(b).digest('hex')}`]);
      break;
  }
  return headers;
}

function header(headers: [string, string][], name: string): string | undefined {
  const n = name.toLowerCase();
  return headers.find(([k]) => k.toLowerCase() === n)?.[1];
}

function eq(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

/** Would the interceptor accept this request for a client of this type and secret? */
export function verifyWebhook(type: WebhookType, secret: string, body: Uint8Array | string, headers: [string, string][], argoVersion: ArgoVersion): VerifyResult {
  const b = toBuf(body);
  if (features(argoVersion).webhookBodyLimit && b.length > WEBHOOK_BODY_LIMIT) return { ok: false, reason: 'webhook request body exceeds maximum size of 2MB' };
  const spec = WEBHOOK_EVENTS[type];
  const ev = header(headers, spec.header);
  if (ev === undefined) return { ok: false, reason: `missing ${spec.header} header` };
  if (!spec.events.includes(ev)) return { ok: false, reason: `event ${JSON.stringify(ev)} is not one the ${type} parser accepts` };
  if (b.length === 0) return { ok: false, reason: 'empty body' };
  switch (type) {
    case 'github': {
      const g = features(argoVersion).githubSignature;
      const sig = header(headers, g.header);
      if (sig === undefined) return { ok: false, reason: `missing ${g.header} header` };
      const hex = g.algorithm === 'sha256' ? sig.replace(/^sha256=/, '') : sig.replace(/^sha1=/, '');
      const want = createHmac(g.algorithm, secret).update(b).digest('hex');
      return eq(Buffer.from(hex), Buffer.from(want)) ? { ok: true } : { ok: false, reason: 'HMAC verification failed' };
    }
    case 'gitlab': {
      const tok = header(headers, 'X-Gitlab-Token');
      if (tok === undefined) return { ok: false, reason: 'missing X-Gitlab-Token header' };
      const h = (s: string) => createHash('sha512').update(s).digest();
      return eq(h(tok), h(secret)) ? { ok: true } : { ok: false, reason: 'X-Gitlab-Token does not match the secret' };
    }
    case 'bitbucket': {
      const uuid = header(headers, 'X-Hook-UUID');
      if (uuid === undefined) return { ok: false, reason: 'missing X-Hook-UUID header' };
      return uuid === secret ? { ok: true } : { ok: false, reason: 'X-Hook-UUID does not match the secret' };
    }
    case 'bitbucketserver': {
      const sig = header(headers, 'X-Hub-Signature');
      if (sig === undefined) return { ok: false, reason: 'missing X-Hub-Signature header' };
      const want = createHmac('sha256', secret).update(b).digest('hex');
      return eq(Buffer.from(sig.slice(7)), Buffer.from(want)) ? { ok: true } : { ok: false, reason: 'HMAC verification failed' };
    }
  }
}
