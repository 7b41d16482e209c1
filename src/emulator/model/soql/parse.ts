import { SalesforceError } from '../api';

/** The SOQL subset the tools use: field lists, parent paths, WHERE (= != <> < > <= >= IN NOT IN LIKE, AND OR NOT, parentheses), ORDER BY, LIMIT, OFFSET, COUNT(). */
/** A date/dateTime literal is `{ date: ISO text }` so it is told apart from a quoted string. */
export type Literal = string | number | boolean | null | { readonly date: string };

export interface FieldRef {
  readonly path: readonly string[]; // ['Profile', 'Name']
  readonly pos: number; // 0-based offset in the query text
}

export type Condition =
  | { readonly kind: 'and' | 'or'; readonly left: Condition; readonly right: Condition }
  | { readonly kind: 'not'; readonly inner: Condition }
  | { readonly kind: 'cmp'; readonly field: FieldRef; readonly op: '=' | '!=' | '<' | '>' | '<=' | '>=' | 'like'; readonly value: Literal; readonly valuePos: number }
  | { readonly kind: 'in'; readonly field: FieldRef; readonly negated: boolean; readonly values: readonly Literal[]; readonly valuePos: number };

export interface SoqlQuery {
  readonly text: string;
  readonly count: boolean;
  readonly fields: readonly FieldRef[];
  readonly from: string;
  readonly fromPos: number;
  readonly where?: Condition;
  readonly orderBy: readonly { field: FieldRef; desc: boolean; nullsLast: boolean }[];
  readonly limit?: number;
  readonly offset?: number;
}

type Tok =
  | { t: 'id'; v: string; pos: number }
  | { t: 'str'; v: string; pos: number }
  | { t: 'num'; v: number; pos: number }
  | { t: 'date'; v: string; pos: number }
  | { t: 'op'; v: string; pos: number }
  | { t: 'eof'; v: '<EOF>'; pos: number };

/** Salesforce's error text: the query, a caret under the column, then "ERROR at Row:r:Column:c" and the reason. */
export function soqlError(code: string, text: string, pos: number, reason: string): SalesforceError {
  const before = text.slice(0, pos);
  const row = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const col = pos - lineStart + 1;
  const line = text.split('\n')[row - 1] ?? '';
  return new SalesforceError(code, `\n${line}\n${' '.repeat(col - 1)}^\nERROR at Row:${row}:Column:${col}\n${reason}`);
}

function tokenize(text: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === "'") {
      let v = '';
      i++;
      for (;;) {
        if (i >= text.length) throw soqlError('MALFORMED_QUERY', text, start, 'line 1:' + start + " mismatched character '<EOF>' expecting '''");
        const d = text[i] as string;
        if (d === '\\') {
          const e = text[i + 1];
          const map: Record<string, string> = { "'": "'", '"': '"', '\\': '\\', n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', _: '\\_', '%': '\\%' };
          if (e === undefined || map[e] === undefined) throw soqlError('MALFORMED_QUERY', text, i, `Invalid string literal '${text.slice(start, i + 2)}'. Illegal character sequence '\\${e ?? ''}' in string literal.`);
          v += map[e];
          i += 2;
          continue;
        }
        if (d === "'") {
          i++;
          break;
        }
        v += d;
        i++;
      }
      out.push({ t: 'str', v, pos: start });
      continue;
    }
    const dt = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:?\d{2}))?/.exec(text.slice(i));
    if (dt) {
      // date and dateTime literals are unquoted (2024-01-31, 2024-01-31T10:00:00Z); kept as ISO text
      const iso = dt[0].length > 10 ? new Date(dt[0]).toISOString() : dt[0];
      out.push({ t: 'date', v: iso, pos: start });
      i += dt[0].length;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(text[i + 1] ?? ''))) {
      i++;
      while (i < text.length && /[0-9.]/.test(text[i] as string)) i++;
      out.push({ t: 'num', v: Number(text.slice(start, i)), pos: start });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      while (i < text.length && /[A-Za-z0-9_.]/.test(text[i] as string)) i++;
      out.push({ t: 'id', v: text.slice(start, i), pos: start });
      continue;
    }
    const two = text.slice(i, i + 2);
    if (['!=', '<>', '<=', '>='].includes(two)) {
      out.push({ t: 'op', v: two === '<>' ? '!=' : two, pos: start });
      i += 2;
      continue;
    }
    if ('(),=<>*'.includes(c)) {
      out.push({ t: 'op', v: c, pos: start });
      i++;
      continue;
    }
    throw soqlError('MALFORMED_QUERY', text, start, `unexpected token: '${c}'`);
  }
  out.push({ t: 'eof', v: '<EOF>', pos: text.length });
  return out;
}

export function parseSoql(text: string): SoqlQuery {
  const toks = tokenize(text);
  let k = 0;
  const peek = (): Tok => toks[k] as Tok;
  const next = (): Tok => toks[k++] as Tok;
  const isKw = (tok: Tok, kw: string): boolean => tok.t === 'id' && tok.v.toUpperCase() === kw;
  const unexpected = (tok: Tok): SalesforceError => soqlError('MALFORMED_QUERY', text, tok.pos, `unexpected token: ${tok.t === 'str' ? `'${tok.v}'` : String(tok.v)}`);
  const expectKw = (kw: string): Tok => {
    const tok = next();
    if (!isKw(tok, kw)) throw unexpected(tok);
    return tok;
  };
  const expectOp = (op: string): void => {
    const tok = next();
    if (tok.t !== 'op' || tok.v !== op) throw unexpected(tok);
  };
  const RESERVED = new Set(['SELECT', 'FROM', 'WHERE', 'AND', 'OR', 'NOT', 'IN', 'LIMIT', 'ORDER', 'BY', 'OFFSET', 'LIKE', 'NULL', 'TRUE', 'FALSE', 'ASC', 'DESC', 'NULLS', 'GROUP', 'HAVING']);
  const fieldRef = (): FieldRef => {
    const tok = next();
    if (tok.t !== 'id' || RESERVED.has(tok.v.toUpperCase())) throw unexpected(tok);
    const path = tok.v.split('.');
    if (path.some((p) => p === '')) throw unexpected(tok);
    return { path, pos: tok.pos };
  };

  expectKw('SELECT');
  let count = false;
  const fields: FieldRef[] = [];
  if (isKw(peek(), 'COUNT') && (toks[k + 1] as Tok).t === 'op' && (toks[k + 1] as Tok).v === '(') {
    next();
    expectOp('(');
    expectOp(')');
    count = true;
  } else {
    fields.push(fieldRef());
    while (peek().t === 'op' && peek().v === ',') {
      next();
      fields.push(fieldRef());
    }
  }
  expectKw('FROM');
  const fromTok = next();
  if (fromTok.t !== 'id' || fromTok.v.includes('.')) throw unexpected(fromTok); // 'Order' is an object, so keywords are allowed here

  const literal = (): { value: Literal; pos: number } => {
    const tok = next();
    if (tok.t === 'str' || tok.t === 'num') return { value: tok.v, pos: tok.pos };
    if (tok.t === 'date') return { value: { date: tok.v }, pos: tok.pos };
    if (isKw(tok, 'NULL')) return { value: null, pos: tok.pos };
    if (isKw(tok, 'TRUE')) return { value: true, pos: tok.pos };
    if (isKw(tok, 'FALSE')) return { value: false, pos: tok.pos };
    throw unexpected(tok);
  };
  const primary = (): Condition => {
    if (peek().t === 'op' && peek().v === '(') {
      next();
      const c = orExpr();
      expectOp(')');
      return c;
    }
    if (isKw(peek(), 'NOT')) {
      next();
      return { kind: 'not', inner: primary() };
    }
    const field = fieldRef();
    const tok = next();
    if (tok.t === 'op' && ['=', '!=', '<', '>', '<=', '>='].includes(tok.v)) {
      const { value, pos } = literal();
      return { kind: 'cmp', field, op: tok.v as '=', value, valuePos: pos };
    }
    if (isKw(tok, 'LIKE')) {
      const { value, pos } = literal();
      return { kind: 'cmp', field, op: 'like', value, valuePos: pos };
    }
    let negated = false;
    let inTok = tok;
    if (isKw(tok, 'NOT')) {
      negated = true;
      inTok = next();
    }
    if (!isKw(inTok, 'IN')) throw unexpected(inTok);
    expectOp('(');
    const values: Literal[] = [];
    const first = literal();
    values.push(first.value);
    while (peek().t === 'op' && peek().v === ',') {
      next();
      values.push(literal().value);
    }
    expectOp(')');
    return { kind: 'in', field, negated, values, valuePos: first.pos };
  };
  const andExpr = (): Condition => {
    let left = primary();
    while (isKw(peek(), 'AND')) {
      next();
      left = { kind: 'and', left, right: primary() };
    }
    return left;
  };
  const orExpr = (): Condition => {
    let left = andExpr();
    while (isKw(peek(), 'OR')) {
      next();
      left = { kind: 'or', left, right: andExpr() };
    }
    return left;
  };

  let where: Condition | undefined;
  if (isKw(peek(), 'WHERE')) {
    next();
    where = orExpr();
  }
  const orderBy: { field: FieldRef; desc: boolean; nullsLast: boolean }[] = [];
  if (isKw(peek(), 'ORDER')) {
    next();
    expectKw('BY');
    for (;;) {
      const field = fieldRef();
      let desc = false;
      if (isKw(peek(), 'ASC')) next();
      else if (isKw(peek(), 'DESC')) {
        next();
        desc = true;
      }
      let nullsLast = desc;
      if (isKw(peek(), 'NULLS')) {
        next();
        const t = next();
        if (isKw(t, 'LAST')) nullsLast = true;
        else if (isKw(t, 'FIRST')) nullsLast = false;
        else throw unexpected(t);
      }
      orderBy.push({ field, desc, nullsLast });
      if (peek().t === 'op' && peek().v === ',') next();
      else break;
    }
  }
  let limit: number | undefined;
  let offset: number | undefined;
  if (isKw(peek(), 'LIMIT')) {
    next();
    const t = next();
    if (t.t !== 'num' || !Number.isInteger(t.v) || t.v < 0) throw unexpected(t);
    limit = t.v;
  }
  if (isKw(peek(), 'OFFSET')) {
    next();
    const t = next();
    if (t.t !== 'num' || !Number.isInteger(t.v) || t.v < 0) throw unexpected(t);
    offset = t.v;
  }
  if (peek().t !== 'eof') throw unexpected(peek());
  return { text, count, fields, from: fromTok.v, fromPos: fromTok.pos, ...(where ? { where } : {}), orderBy, ...(limit !== undefined ? { limit } : {}), ...(offset !== undefined ? { offset } : {}) };
}
