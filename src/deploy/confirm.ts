/** The production prompt: asked on stderr (stdout stays clean for --json), answered on stdin. */
import { createInterface } from 'node:readline/promises';

export async function confirmOnTerminal(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
