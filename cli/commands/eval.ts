// PLACEHOLDER: replaced by the issue that builds the `eval` command.
import type { CliIo } from '../main';

export async function run(_argv: string[], io: CliIo): Promise<number> {
  io.stderr('argo-triggers eval: not built yet\n');
  return 2;
}
