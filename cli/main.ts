// CLI entry: `argo-triggers <command> ...`. Each command lives in its own module under cli/commands/.
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readStdin: () => AsyncIterable<string>;
}

export type Command = (argv: string[], io: CliIo) => Promise<number>;

// Lazy so that `next` does not pay for loading the expr engine and vice versa.
const commands: Record<string, () => Promise<Command>> = {
  next: async () => (await import('./commands/next')).run,
  eval: async () => (await import('./commands/eval')).run,
  lint: async () => (await import('./commands/lint')).run,
  match: async () => (await import('./commands/match')).run,
};

const USAGE = `usage: argo-triggers <command> [options]

commands:
${Object.keys(commands).map((c) => `  ${c}`).join('\n')}

Run "argo-triggers <command> --help" for a command's options.`;

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    io.stdout(USAGE + '\n');
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    io.stderr(`argo-triggers: unknown command "${name}"\n${USAGE}\n`);
    return 2;
  }
  return (await load())(rest, io);
}

async function* stdinLines(): AsyncIterable<string> {
  const rl = (await import('node:readline')).createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) yield line;
}

/** Runs the CLI on this process's argv and streams; used by bin/argo-triggers.js. */
export function runCli(): void {
  // A closed pipe (`argo-triggers match ... | head`) is a normal way to stop reading, not a crash.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  main(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readStdin: stdinLines,
  }).then(
    (code) => (process.exitCode = code),
    (err) => {
      process.stderr.write(`argo-triggers: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
