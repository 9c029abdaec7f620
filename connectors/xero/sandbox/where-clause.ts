// A safe subset of Xero's `where` filter: comparisons of a known field with a literal, joined by
// AND / OR (or && / ||) with parentheses. Literals are "strings", numbers, true, false, null,
// Guid("...") and DateTime(y, m, d[, h, m, s]). Anything else is refused with Xero's
// QueryParseException, as an unknown field is ("No property or field 'X' exists in type 'Invoice'").

export type FieldValue = string | number | boolean | null;
/** Accessors by field name; names are matched without regard to case. */
export type FieldMap<R> = Record<string, (record: R) => FieldValue>;
export type Predicate<R> = (record: R) => boolean;

export class QueryParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryParseError';
  }
}

type Token =
  | { kind: 'name'; text: string }
  | { kind: 'string'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'op'; text: '==' | '!=' | '>=' | '<=' | '>' | '<' }
  | { kind: 'and' | 'or' | 'open' | 'close' | 'comma' };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '"') {
      let value = '';
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        value += text[i];
        i++;
      }
      if (i >= text.length) throw new QueryParseError('Unterminated string literal');
      i++;
      tokens.push({ kind: 'string', text: value });
    } else if (/[0-9-]/.test(ch) && /^-?\d/.test(text.slice(i))) {
      const match = /^-?\d+(\.\d+)?/.exec(text.slice(i));
      const literal = match?.[0] ?? '';
      tokens.push({ kind: 'number', value: Number(literal) });
      i += literal.length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const match = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i));
      const word = match?.[0] ?? ch;
      const upper = word.toUpperCase();
      tokens.push(
        upper === 'AND' ? { kind: 'and' } : upper === 'OR' ? { kind: 'or' } : { kind: 'name', text: word },
      );
      i += word.length;
    } else {
      const two = text.slice(i, i + 2);
      if (two === '==' || two === '!=' || two === '>=' || two === '<=') {
        tokens.push({ kind: 'op', text: two });
        i += 2;
      } else if (two === '&&' || two === '||') {
        tokens.push({ kind: two === '&&' ? 'and' : 'or' });
        i += 2;
      } else if (ch === '>' || ch === '<') {
        tokens.push({ kind: 'op', text: ch });
        i++;
      } else if (ch === '(' || ch === ')' || ch === ',') {
        tokens.push({ kind: ch === '(' ? 'open' : ch === ')' ? 'close' : 'comma' });
        i++;
      } else {
        throw new QueryParseError(`Syntax error '${ch}'`);
      }
    }
  }
  return tokens;
}

type Literal =
  | { kind: 'guid' | 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'plain'; value: boolean | null };

export function compileWhere<R>(text: string, fields: FieldMap<R>, typeName: string): Predicate<R> {
  const tokens = tokenize(text);
  const byName = new Map(Object.entries(fields).map(([name, get]) => [name.toLowerCase(), get]));
  let position = 0;
  const peek = (): Token | undefined => tokens[position];
  const take = (): Token => {
    const token = tokens[position++];
    if (!token) throw new QueryParseError('Expression expected');
    return token;
  };
  const expect = (kind: Token['kind']): void => {
    if (take().kind !== kind)
      throw new QueryParseError(`'${kind === 'close' ? ')' : kind === 'open' ? '(' : ','}' expected`);
  };

  const integer = (): number => {
    const token = take();
    if (token.kind !== 'number' || !Number.isInteger(token.value))
      throw new QueryParseError('Integer expected');
    return token.value;
  };

  const literal = (): Literal => {
    const token = take();
    if (token.kind === 'string') return { kind: 'string', value: token.text };
    if (token.kind === 'number') return { kind: 'number', value: token.value };
    if (token.kind !== 'name') throw new QueryParseError('Expression expected');
    const word = token.text.toLowerCase();
    if (word === 'true' || word === 'false') return { kind: 'plain', value: word === 'true' };
    if (word === 'null') return { kind: 'plain', value: null };
    if (word === 'guid') {
      expect('open');
      const value = take();
      if (value.kind !== 'string') throw new QueryParseError('Guid expects a string');
      expect('close');
      return { kind: 'guid', value: value.text.toLowerCase() };
    }
    if (word === 'datetime') {
      expect('open');
      const parts = [integer()];
      while (peek()?.kind === 'comma') {
        take();
        parts.push(integer());
      }
      expect('close');
      if (parts.length !== 3 && parts.length !== 6)
        throw new QueryParseError('DateTime expects 3 or 6 integers');
      const [y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0] = parts;
      return { kind: 'number', value: Date.UTC(y, mo - 1, d, h, mi, s) };
    }
    throw new QueryParseError(`No property or field '${token.text}' exists in type '${typeName}'`);
  };

  const comparison = (): Predicate<R> => {
    const name = take();
    if (name.kind !== 'name') throw new QueryParseError('Expression expected');
    const get = byName.get(name.text.toLowerCase());
    if (!get) throw new QueryParseError(`No property or field '${name.text}' exists in type '${typeName}'`);
    const op = take();
    if (op.kind !== 'op') throw new QueryParseError(`Operator expected after '${name.text}'`);
    const right = literal();
    return (record) => compare(get(record), op.text, right);
  };

  const unary = (): Predicate<R> => {
    if (peek()?.kind === 'open') {
      take();
      const inner = or();
      expect('close');
      return inner;
    }
    return comparison();
  };

  const and = (): Predicate<R> => {
    let left = unary();
    while (peek()?.kind === 'and') {
      take();
      const l = left;
      const r = unary();
      left = (record) => l(record) && r(record);
    }
    return left;
  };

  const or = (): Predicate<R> => {
    let left = and();
    while (peek()?.kind === 'or') {
      take();
      const l = left;
      const r = and();
      left = (record) => l(record) || r(record);
    }
    return left;
  };

  const predicate = or();
  if (position < tokens.length) throw new QueryParseError('Syntax error');
  return predicate;
}

function compare(left: FieldValue, op: string, right: Literal): boolean {
  const value = right.kind === 'guid' && typeof left === 'string' ? left.toLowerCase() : left;
  const target = right.value;
  if (op === '==') return value === target;
  if (op === '!=') return value !== target;
  if (value === null || target === null || typeof value === 'boolean' || typeof target === 'boolean')
    return false;
  if (typeof value !== typeof target) return false;
  switch (op) {
    case '>':
      return value > target;
    case '>=':
      return value >= target;
    case '<':
      return value < target;
    default:
      return value <= target;
  }
}
