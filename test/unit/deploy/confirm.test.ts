import { PassThrough } from 'node:stream';
import { confirmOnTerminal } from '../../../src/deploy/confirm';

function ask(typed: string | undefined): Promise<{ answer: boolean; shown: string }> {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (d: Buffer) => (shown += d.toString('utf8')));
  const answer = confirmOnTerminal('Deploy to PRODUCTION org Acme?', input, output);
  if (typed === undefined) input.end();
  else input.write(typed);
  return answer.then((a) => ({ answer: a, shown }));
}

describe('confirmOnTerminal', () => {
  it.each([
    ['y\n', true],
    ['YES\n', true],
    ['n\n', false],
    ['\n', false],
    ['sure\n', false],
  ])('Given the answer %j, Then it resolves %s', async (typed, expected) => {
    const { answer, shown } = await ask(typed);
    expect(answer).toBe(expected);
    expect(shown).toContain('Deploy to PRODUCTION org Acme? [y/N] ');
  });

  it('Given the input closes (Ctrl-D), Then it is a no', async () => {
    expect((await ask(undefined)).answer).toBe(false);
  });
});
