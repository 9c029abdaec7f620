// Intuit's query language, as far as a collections app uses it:
//   SELECT * | COUNT(*) FROM Entity [WHERE cond AND cond …] [ORDERBY field [ASC|DESC], …]
//   [STARTPOSITION n] [MAXRESULTS n]
// with conditions `field op value` (op one of = != < > <= >= IN LIKE), string values in single quotes
// (`\'` escapes one), numbers, true/false, and IN lists. Keywords are case-insensitive. There is no
// OR, as in QuickBooks. A parse failure is a QueryParseError in Intuit's words.

export type Operator = '=' | '!=' | '<' | '>' | '<=' | '>=' | 'IN' | 'LIKE';
export type Literal = string | number | boolean;

export interface Condition {
  field: string;
  op: Operator;
  value: Literal | Literal[];
}

export interface ParsedQuery {
  count: boolean;
  entity: string;
  where: Condition[];
  order: { field: string; desc: boolean }[];
  /** 1-based, as Intuit counts. */
  startPosition: number;
  maxResults: number;
}

export const DEFAULT_MAX_RESULTS = 100;
export const MAX_RESULTS_CAP = 1000;

export class QueryParseError extends Error {
  override name = 'QueryParseError';
}

type Token = { kind: 'word' | 'string' | 'number' | 'symbol'; text: string; column: number };

const TOKEN = /\s*(?:(\*)|('(?:\\.|[^'\\])*')|(-?\d+(?:\.\d+)?)|(<=|>=|!=|[=<>(),])|([A-Za-z_][\w.]*))/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match) throw new QueryParseError(`Lexical error at line 1, column ${start + 1}.`);
    const column = match.index + match[0].length - match[0].trimStart().length + 1;
    if (match[1]) tokens.push({ kind: 'symbol', text: '*', column });
    else if (match[2])
      tokens.push({ kind: 'string', text: match[2].slice(1, -1).replace(/\\(.)/g, '$1'), column });
    else if (match[3]) tokens.push({ kind: 'number', text: match[3], column });
    else if (match[4]) tokens.push({ kind: 'symbol', text: match[4], column });
    else tokens.push({ kind: 'word', text: match[5] ?? '', column });
  }
  return tokens;
}

class Cursor {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(): Token | undefined {
    return this.tokens[this.at];
  }

  next(): Token {
    const token = this.tokens[this.at++];
    if (!token) throw new QueryParseError('Encountered "<EOF>" at line 1.');
    return token;
  }

  isWord(word: string): boolean {
    const token = this.peek();
    return token?.kind === 'word' && token.text.toUpperCase() === word;
  }

  expectWord(word: string): void {
    const token = this.next();
    if (token.kind !== 'word' || token.text.toUpperCase() !== word) unexpected(token);
  }

  expectSymbol(symbol: string): void {
    const token = this.next();
    if (token.kind !== 'symbol' || token.text !== symbol) unexpected(token);
  }

  done(): boolean {
    return this.at >= this.tokens.length;
  }
}

function unexpected(token: Token): never {
  throw new QueryParseError(`Encountered " ${token.text} " at line 1, column ${token.column}.`);
}

function literal(cursor: Cursor): Literal {
  const token = cursor.next();
  if (token.kind === 'string') return token.text;
  if (token.kind === 'number') return Number(token.text);
  if (token.kind === 'word' && /^(true|false)$/i.test(token.text)) return token.text.toLowerCase() === 'true';
  return unexpected(token);
}

function condition(cursor: Cursor): Condition {
  const field = cursor.next();
  if (field.kind !== 'word') unexpected(field);
  const opToken = cursor.next();
  const op = opToken.text.toUpperCase();
  if (op === 'IN') {
    cursor.expectSymbol('(');
    const values = [literal(cursor)];
    while (cursor.peek()?.text === ',') {
      cursor.next();
      values.push(literal(cursor));
    }
    cursor.expectSymbol(')');
    return { field: field.text, op: 'IN', value: values };
  }
  if (!['=', '!=', '<', '>', '<=', '>=', 'LIKE'].includes(op)) unexpected(opToken);
  return { field: field.text, op: op as Operator, value: literal(cursor) };
}

function whole(cursor: Cursor): number {
  const token = cursor.next();
  if (token.kind !== 'number' || !/^\d+$/.test(token.text)) unexpected(token);
  return Number(token.text);
}

export function parseQuery(text: string): ParsedQuery {
  const cursor = new Cursor(tokenize(text));
  cursor.expectWord('SELECT');
  let count = false;
  if (cursor.isWord('COUNT')) {
    cursor.next();
    cursor.expectSymbol('(');
    cursor.expectSymbol('*');
    cursor.expectSymbol(')');
    count = true;
  } else cursor.expectSymbol('*');
  cursor.expectWord('FROM');
  const entity = cursor.next();
  if (entity.kind !== 'word') unexpected(entity);
  const query: ParsedQuery = {
    count,
    entity: entity.text,
    where: [],
    order: [],
    startPosition: 1,
    maxResults: DEFAULT_MAX_RESULTS,
  };
  if (cursor.isWord('WHERE')) {
    cursor.next();
    query.where.push(condition(cursor));
    while (cursor.isWord('AND')) {
      cursor.next();
      query.where.push(condition(cursor));
    }
  }
  if (cursor.isWord('ORDERBY') || cursor.isWord('ORDER')) {
    if (cursor.next().text.toUpperCase() === 'ORDER') cursor.expectWord('BY');
    do {
      if (cursor.peek()?.text === ',') cursor.next();
      const field = cursor.next();
      if (field.kind !== 'word') unexpected(field);
      let desc = false;
      if (cursor.isWord('ASC') || cursor.isWord('DESC')) desc = cursor.next().text.toUpperCase() === 'DESC';
      query.order.push({ field: field.text, desc });
    } while (cursor.peek()?.text === ',');
  }
  if (cursor.isWord('STARTPOSITION')) {
    cursor.next();
    query.startPosition = Math.max(1, whole(cursor));
  }
  if (cursor.isWord('MAXRESULTS')) {
    cursor.next();
    query.maxResults = Math.min(MAX_RESULTS_CAP, whole(cursor));
  }
  const rest = cursor.peek();
  if (rest) unexpected(rest);
  return query;
}
