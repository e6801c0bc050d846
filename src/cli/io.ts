/**
 * What a CLI command may touch of its process: output lines, standard input, the home directory.
 * Commands take it as a value (never console/process) so the CLI runs in-process too — the tests
 * call run() directly, many at once, each with its own buffers and home.
 */
import { homedir } from 'node:os';

export interface Io {
  /** Writes one line (a line end is added) to standard output. */
  out(line: string): void;
  /** Writes one line (a line end is added) to standard error. */
  err(line: string): void;
  /** All of standard input as UTF-8 text; read only by commands given `-`. */
  readStdin(): Promise<string>;
  /** Home directory: where the demo world's state file lives. */
  home: string;
}

/** The real process: stdout, stderr, stdin and the user's home. */
export function processIo(): Io {
  return {
    out: (line) => void process.stdout.write(line + '\n'),
    err: (line) => void process.stderr.write(line + '\n'),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    home: homedir(),
  };
}
