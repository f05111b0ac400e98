// PLACEHOLDER: replaced by the issue that builds the `match` command.
import type { CliIo } from '../main';

export async function run(_argv: string[], io: CliIo): Promise<number> {
  io.stderr('argo-triggers match: not built yet\n');
  return 2;
}
