import { InputError } from '../errors';

/** Line and column (1-based) of a character offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * JSON.parse with an InputError ('MalformedJson', exit 2) that names the file, line and column.
 * A UTF-8 byte order mark is ignored.
 */
export function parseJsonFile(text: string, file: string): unknown {
  const source = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(source) as unknown;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const match = /position (\d+)/.exec(message);
    const lineCol = /line (\d+) column (\d+)/.exec(message);
    let where: { line: number; column: number };
    if (lineCol) where = { line: Number(lineCol[1]), column: Number(lineCol[2]) };
    else if (match) where = lineColumnAt(source, Number(match[1]));
    else where = lineColumnAt(source, source.length);
    const reason = message.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+/, '').replace(/^JSON\.parse: /, '');
    throw new InputError('MalformedJson', [
      {
        file,
        location: `line ${where.line}, column ${where.column}`,
        message: `not valid JSON: ${reason}`,
        fix: 'fix the JSON syntax at that position (a missing comma or quote, a trailing comma, a comment: JSON allows none of them)',
      },
    ]);
  }
}
