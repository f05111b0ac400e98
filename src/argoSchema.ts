// Argo's PUBLISHED JSON schema per Argo version (nothing is copied into this repository). Red Hat YAML fetches the
// URL itself when our contributor (src/yamlSchema.ts) names it for a document holding an Argo kind.
// Pure module (no vscode import).
export type ArgoVersion = 'v3.5' | 'v3.6' | 'v3.7' | 'v4.0' | 'v4.1';

/** Newest patch release of each line (the spec compared these tags: argo-triggers.md header). */
export const ARGO_RELEASE_TAGS: Record<ArgoVersion, string> = {
  'v3.5': 'v3.5.15',
  'v3.6': 'v3.6.19',
  'v3.7': 'v3.7.18',
  'v4.0': 'v4.0.10',
  'v4.1': 'v4.1.2',
};

export function argoSchemaUrl(version: ArgoVersion | string): string {
  const tag = (ARGO_RELEASE_TAGS as Record<string, string>)[version] ?? ARGO_RELEASE_TAGS['v4.1'];
  return `https://raw.githubusercontent.com/argoproj/argo-workflows/${tag}/api/jsonschema/schema.json`;
}
