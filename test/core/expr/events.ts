// Sample events for the expr conformance suite: realistic webhook payloads (GitHub push / pull_request,
// GitLab push / merge request, Bitbucket push), custom payloads and the edge cases of spec expr.md §1.2–1.4.
// The GitHub push corpus payload (shared/corpus/argo-examples/e2e-testdata/github-webhook-payload.json) is read at
// run time; everything else is written here (invented data shaped like the providers' documented payloads).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OracleEvent } from './oracle';
import { REPO_ROOT } from './oracle';

export const CORPUS_GITHUB_PUSH = join(REPO_ROOT, '..', 'shared', 'corpus', 'argo-examples', 'e2e-testdata', 'github-webhook-payload.json');

const githubHeaders = (event: string): [string, string][] => [
  ['X-GitHub-Event', event],
  ['X-GitHub-Delivery', '72d3162e-cc78-11e3-81ab-4c9367dc0958'],
  ['X-GitHub-Hook-ID', '292430182'],
  ['X-Hub-Signature-256', 'sha256=d57c68ca6f92289e6987922ff26938930f6e66a2d161ef06abdf1859230aa23c'],
  ['User-Agent', 'GitHub-Hookshot/044aadd'],
  ['Content-Type', 'application/json'],
];

export const EVENTS: Record<string, OracleEvent> = {
  'github-push': {
    payload: {
      ref: 'refs/heads/main',
      before: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
      after: '9e07a37873923a21d5fb1ba07042758a39b5efce',
      created: false, deleted: false, forced: false, base_ref: null,
      compare: 'https://github.com/acme/app/compare/6113728f27ae...9e07a3787392',
      repository: {
        id: 227203645, name: 'app', full_name: 'acme/app', private: false, fork: false, default_branch: 'main',
        owner: { login: 'acme', type: 'Organization' }, topics: ['ci', 'argo'], size: 30497, stargazers_count: 12,
        pushed_at: 1595017689, updated_at: '2020-06-03T00:33:23Z',
      },
      pusher: { name: 'octocat', email: 'octocat@example.com' },
      commits: [
        {
          id: '1b2c3d4e5f60718293a4b5c6d7e8f90112233445', message: 'feat: add subpath/A thing\n\nLonger body',
          timestamp: '2020-07-17T13:27:59-07:00', distinct: true,
          author: { name: 'Alex Collins', email: 'alex@example.com', username: 'alexec' },
          added: ['subpath/A/new.txt'], removed: [], modified: ['README.md', 'subpath/B/x.go'],
        },
        {
          id: '9e07a37873923a21d5fb1ba07042758a39b5efce', message: 'fix: typo', timestamp: '2020-07-17T13:30:01-07:00',
          distinct: true, author: { name: 'Jane Doe', email: 'jane@example.com', username: 'jane' },
          added: [], removed: ['docs/old.md'], modified: ['docs/index.md'],
        },
      ],
      head_commit: { id: '9e07a37873923a21d5fb1ba07042758a39b5efce', message: 'fix: typo', author: { name: 'Jane Doe', username: 'jane' } },
    },
    headers: githubHeaders('push'),
    discriminator: 'github',
    namespace: 'argo',
  },
  'github-tag-push': {
    payload: {
      ref: 'refs/tags/v1.2.3', before: '0000000000000000000000000000000000000000',
      after: 'a10867b14bb761a232cd80139fbd4c0d33264240', created: true, deleted: false, forced: false,
      base_ref: 'refs/heads/main', repository: { name: 'app', full_name: 'acme/app', private: true },
      pusher: { name: 'release-bot' }, commits: [], head_commit: null,
    },
    headers: githubHeaders('push'),
    discriminator: 'github',
    namespace: 'ci',
  },
  'github-pull-request': {
    payload: {
      action: 'synchronize',
      number: 1347,
      pull_request: {
        number: 1347, state: 'open', title: 'Fix: bug in <parser> & "lexer"', draft: false, merged: false,
        user: { login: 'octocat', id: 1 }, body: 'Fixes #12\r\n- one\r\n- two',
        labels: [{ id: 208045946, name: 'bug', color: 'd73a4a' }, { id: 208045947, name: 'ci', color: 'a2eeef' }],
        head: { ref: 'feature/x', sha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821', repo: { full_name: 'octocat/app' } },
        base: { ref: 'main', sha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e' },
        additions: 10, deletions: 2, changed_files: 3, requested_reviewers: [], milestone: null,
      },
      repository: { full_name: 'acme/app', private: true, default_branch: 'main' },
      sender: { login: 'octocat', type: 'User' },
    },
    headers: githubHeaders('pull_request'),
    discriminator: 'github',
    namespace: 'argo',
  },
  // The event of spec expr.md §4.2 (T01–T28), verbatim.
  'spec-4.2': {
    payload: {
      action: 'opened', number: 42,
      pr: { title: 'Fix: bug', labels: [{ name: 'bug' }, { name: 'ci' }], draft: false, head: { ref: 'feature/x' } },
      tags: ['a', 'b'], count: '7', ratio: 0.5, ids: [1, 2, 3], empty: [], nothing: null, nested: { list: [[1, 2], [3]] },
    },
    headers: [['X-GitHub-Event', 'pull_request'], ['X-Hub-Signature-256', 'sha256=abc'], ['X-Forwarded-For', '10.0.0.1']],
    discriminator: 'github',
    namespace: 'argo',
  },
  'gitlab-push': {
    payload: {
      object_kind: 'push', event_name: 'push', before: '95790bf891e76fee5e1747ab589903a6a1f80f22',
      after: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7', ref: 'refs/heads/master', ref_protected: true,
      checkout_sha: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7', user_id: 4, user_name: 'John Smith',
      user_username: 'jsmith', project_id: 15,
      project: { id: 15, name: 'Diaspora', path_with_namespace: 'mike/diaspora', default_branch: 'master', visibility_level: 0 },
      commits: [
        {
          id: 'b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327', message: 'Update Catalan translation to e38cb41.\n',
          title: 'Update Catalan translation to e38cb41.', timestamp: '2011-12-12T14:27:31+02:00',
          author: { name: 'Jordi Mallach', email: 'jordi@softcatala.org' },
          added: ['CHANGELOG'], modified: ['app/controller/application.rb'], removed: [],
        },
      ],
      total_commits_count: 4,
    },
    headers: [['X-Gitlab-Event', 'Push Hook'], ['X-Gitlab-Token', 's3cr3t'], ['X-Gitlab-Instance', 'https://gitlab.example.com'],
      ['X-Gitlab-Event-UUID', '13792a34-cac6-4fda-95a8-c58e00a3954e'], ['Content-Type', 'application/json']],
    discriminator: 'gitlab',
    namespace: 'argo',
  },
  'gitlab-merge-request': {
    payload: {
      object_kind: 'merge_request', event_type: 'merge_request',
      user: { id: 1, name: 'Administrator', username: 'root' },
      project: { id: 1, name: 'Gitlab Test', path_with_namespace: 'gitlabhq/gitlab-test', default_branch: 'master' },
      object_attributes: {
        id: 99, iid: 1, title: 'MS-Viewport', state: 'opened', action: 'open', source_branch: 'ms-viewport',
        target_branch: 'master', draft: false, work_in_progress: false, merge_status: 'unchecked',
        description: '', updated_at: '2013-12-03T17:23:34Z', labels: [{ id: 206, title: 'API' }],
      },
      labels: [{ id: 206, title: 'API', color: '#ffffff' }],
      changes: { updated_by_id: { previous: null, current: 1 }, title: { previous: 'old', current: 'MS-Viewport' } },
    },
    headers: [['X-Gitlab-Event', 'Merge Request Hook'], ['X-Gitlab-Token', 's3cr3t']],
    discriminator: 'gitlab',
    namespace: 'argo',
  },
  'bitbucket-push': {
    payload: {
      push: {
        changes: [
          {
            new: { type: 'branch', name: 'main', target: { type: 'commit', hash: '709d658dc5b6d6afcd46049c2f332ee3f515a67d', message: 'Add feature\n' } },
            old: { type: 'branch', name: 'main', target: { hash: '1e65c05c1d5171631d92438a13901ca7dae9618c' } },
            created: false, closed: false, forced: false, truncated: false,
          },
        ],
      },
      actor: { display_name: 'Emma', nickname: 'emma', type: 'user' },
      repository: { full_name: 'team/repo', name: 'repo', is_private: true, scm: 'git' },
    },
    headers: [['X-Event-Key', 'repo:push'], ['X-Hook-UUID', 'cb2a6d1f-1b6e-4f2a-9f3f-0d2b7c1c5e4a'],
      ['X-Request-UUID', 'fa1e6a4e-0b1c-4c3a-a5e9-9cbd3a58d0f1'], ['X-Attempt-Number', '1'], ['User-Agent', 'Bitbucket-Webhooks/2.0']],
    discriminator: 'bitbucket',
    namespace: 'default',
  },
  custom: {
    payload: {
      appellation: 'Mr Tester', message: 'hello <world> & "friends"', count: '7', n: 3, ratio: 0.5, neg: -2.5, zero: 0,
      big: 12345678901234567890, ts: 1700000000, s: 'abc', flag: true, off: false, nothing: null,
      tags: ['a', 'b', 'c'], ids: [1, 2, 3], empty: [], emptyObj: {},
      nested: { list: [[1, 2], [3]], obj: { a: 1, 'b c': 'x' } },
      unicode: 'héllo 北京 👍🏻', ws: ' pad ', multiline: 'line1\nline2\ttab', pct: 'My%Test%',
      mixed: [1, '2', true, null, { k: 'v' }],
      items: [{ name: 'x', qty: 2, price: 1.5 }, { name: 'y', qty: 0, price: 3 }, { name: 'z', qty: 5, price: 0.25 }],
      'weird key': 'ok', in: 'kw-in', not: 'kw-not', if: 1, matches: 'kw-matches',
      f3: 3, f15: 1.5, e21: 1e21, em7: 1e-7, small: 0.000001, huge: 1.7976931348623157e308,
      json: '{"a":[1,2],"b":"c"}', b64: 'aGVsbG8=', dur: '1h30m', date: '2023-10-01T12:00:00Z',
    },
    headers: [['X-Argo-E2E', 'true'], ['X-Multi', 'a, b'], ['x-multi', 'c'], ['X-Forwarded-For', '10.0.0.1'],
      ['Authorization', 'Bearer not-a-real-token'], ['X-Empty', ''], ['Content-Type', 'application/json']],
    discriminator: 'my-disc',
    namespace: 'argo',
  },
  // expr's own test environment (spec expr.md §4.1, test/mock/mock.go), as a JSON payload.
  mock: {
    payload: {
      String: 'string', One: 1, Two: 2, Int: 0, ArrayOfInt: [1, 2, 3, 4, 5], ArrayOfAny: [1, '2', 3, true],
      ArrayOfString: ['a', 'b', 'c'], Foo: { Bar: { Baz: 'baz' } }, MapOfAny: { a: 1 }, Any: 'any',
    },
    headers: [],
    discriminator: '',
    namespace: '',
  },
  // JavaScript-only names must be plain keys (or missing keys), never prototypes.
  hostile: {
    // JSON.parse makes "__proto__" an own key (an object literal would set the prototype instead).
    payload: JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":1},"toString":"x","hasOwnProperty":"y","valueOf":null}'),
    headers: [['X-Proto', '__proto__']],
    discriminator: 'constructor',
    namespace: '__proto__',
  },
  'null-payload': { payload: null, headers: [['X-Argo-E2E', 'true']], discriminator: 'd', namespace: 'argo' },
  'empty-body': { headers: [], discriminator: '', namespace: 'argo' },
  'array-payload': { payload: [1, 'two', { three: 3 }, [4]], headers: [['X-Kind', 'array']], discriminator: 'arr', namespace: 'argo' },
  'string-payload': { payload: 'hi', headers: [], discriminator: 'str', namespace: 'argo' },
  'number-payload': { payload: 42.5, headers: [], discriminator: 'num', namespace: 'argo' },
  'bool-payload': { payload: true, headers: [], discriminator: 'bool', namespace: 'argo' },
  'empty-object': { payload: {}, headers: [['x-lower', 'v'], ['X-LOWER', 'w']], discriminator: '', namespace: '' },
};

/** The GitHub push from the Argo e2e test data (7 kB), as the github-path-filter example would receive it. */
export function corpusGithubPush(): OracleEvent | undefined {
  try {
    return {
      payload: JSON.parse(readFileSync(CORPUS_GITHUB_PUSH, 'utf8')),
      headers: githubHeaders('push'),
      discriminator: 'github-path-filter',
      namespace: 'argo',
    };
  } catch {
    return undefined;
  }
}

// The github-path-filter example's own discriminator (the URL's last segment).
EVENTS['github-push-path-filter'] = { ...EVENTS['github-push'], discriminator: 'github-path-filter' };
