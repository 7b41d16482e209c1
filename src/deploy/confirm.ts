/** The production prompt: asked on stderr (stdout stays clean for --json), answered on stdin. */
import { createInterface } from 'node:readline';

/** Resolves true only for an explicit y/yes; Ctrl-D, Ctrl-C or anything else is a no. */
export function confirmOnTerminal(
  question: string,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stderr,
): Promise<boolean> {
  return new Promise((resolve) => {
    const rl = createInterface({ input, output, terminal: (output as { isTTY?: boolean }).isTTY === true });
    let answered = false;
    rl.on('close', () => {
      if (!answered) {
        answered = true;
        output.write('\n');
        resolve(false);
      }
    });
    rl.on('SIGINT', () => rl.close());
    rl.question(`${question} [y/N] `, (answer) => {
      answered = true;
      rl.close();
      resolve(/^y(es)?$/i.test(answer.trim()));
    });
  });
}
