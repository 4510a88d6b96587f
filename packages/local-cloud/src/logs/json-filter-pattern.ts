import { InvalidFilterPatternError } from './filter-pattern-error';
import { FILTER_NUMBER, matchesWildcard } from './filter-value';

/** A compiled JSON filter pattern: true when the parsed log event matches. */
export type JsonCondition = (document: unknown) => boolean;

type PathSegment = string | number;

/** The value on the right of `=`, `!=`, `<`...: a number, a string (with `*` wildcards) or a `%regex%`. */
type Literal =
  | { readonly kind: 'number'; readonly number: number; readonly text: string }
  | { readonly kind: 'string'; readonly text: string }
  | { readonly kind: 'regex'; readonly regex: RegExp };

const COMPARISON_OPERATORS = ['!=', '<=', '>=', '=', '<', '>'] as const;
type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

const PROPERTY_NAME = /^[A-Za-z0-9_\-@]+/;

/** The value a selector points at, or `found: false` when the document has no such property. */
function select(document: unknown, path: readonly PathSegment[]): { found: boolean; value?: unknown } {
  let value = document;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(value) || segment >= value.length) return { found: false };
      value = value[segment];
    } else {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return { found: false };
      if (!Object.hasOwn(value, segment)) return { found: false };
      value = (value as Record<string, unknown>)[segment];
    }
  }
  return { found: true, value };
}

/** Strings, numbers and booleans can be compared; a selector on an object, array or null never matches. */
function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function equals(value: string | number | boolean, literal: Literal): boolean {
  switch (literal.kind) {
    case 'number':
      return typeof value === 'number' ? value === literal.number : String(value) === literal.text;
    case 'regex':
      return literal.regex.test(String(value));
    case 'string':
      return matchesWildcard(String(value), literal.text);
  }
}

function compare(
  operator: ComparisonOperator,
  path: readonly PathSegment[],
  literal: Literal,
): JsonCondition {
  return (document) => {
    const { found, value } = select(document, path);
    if (!found || !isScalar(value)) return false;
    if (operator === '=') return equals(value, literal);
    if (operator === '!=') return !equals(value, literal);
    // The parser only lets numbers reach the ordering operators.
    const bound = (literal as { number: number }).number;
    const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
    if (typeof value === 'string' && value.trim() === '') return false;
    if (Number.isNaN(number)) return false;
    if (operator === '<') return number < bound;
    if (operator === '>') return number > bound;
    if (operator === '<=') return number <= bound;
    return number >= bound;
  };
}

/**
 * A recursive-descent parser of the inside of `{ ... }`, with CloudWatch's precedence:
 * parentheses, then `&&`, then `||`.
 */
class JsonPatternParser {
  private position = 0;

  constructor(
    private readonly pattern: string,
    private readonly body: string,
  ) {}

  parse(): JsonCondition {
    const condition = this.parseOr();
    this.skipSpace();
    if (this.position < this.body.length) this.fail(`unexpected "${this.body.slice(this.position)}"`);
    return condition;
  }

  private parseOr(): JsonCondition {
    const alternatives = [this.parseAnd()];
    while (this.accept('||')) alternatives.push(this.parseAnd());
    return alternatives.length === 1
      ? alternatives[0]
      : (document) => alternatives.some((condition) => condition(document));
  }

  private parseAnd(): JsonCondition {
    const conditions = [this.parseUnary()];
    while (this.accept('&&')) conditions.push(this.parseUnary());
    return conditions.length === 1
      ? conditions[0]
      : (document) => conditions.every((condition) => condition(document));
  }

  private parseUnary(): JsonCondition {
    if (this.accept('(')) {
      const inner = this.parseOr();
      if (!this.accept(')')) this.fail(`expected ")" at position ${this.position}`);
      return inner;
    }
    return this.parseComparison();
  }

  private parseComparison(): JsonCondition {
    const selectorStart = this.position;
    const path = this.parseSelector();
    const selector = this.body.slice(selectorStart, this.position).trim();
    if (this.acceptWord('IS')) {
      if (this.acceptWord('NULL')) return (document) => select(document, path).value === null;
      if (this.acceptWord('TRUE')) return (document) => select(document, path).value === true;
      if (this.acceptWord('FALSE')) return (document) => select(document, path).value === false;
      this.fail(`expected NULL, TRUE or FALSE after "${selector} IS"`);
    }
    if (this.acceptWord('NOT')) {
      if (!this.acceptWord('EXISTS')) this.fail(`expected EXISTS after "${selector} NOT"`);
      return (document) => !select(document, path).found;
    }
    const operator = COMPARISON_OPERATORS.find((candidate) => this.accept(candidate));
    if (operator === undefined) {
      this.fail(`expected =, !=, <, >, <=, >=, IS or NOT EXISTS after "${selector}"`);
    }
    const literal = this.parseLiteral(selector, operator);
    if (operator !== '=' && operator !== '!=' && literal.kind !== 'number') {
      this.fail(`"${selector} ${operator}" needs a number`);
    }
    return compare(operator, path, literal);
  }

  /** `$.field`, `$.a.b`, `$.list[0].id`: the document's root, then properties and array indexes. */
  private parseSelector(): PathSegment[] {
    this.skipSpace();
    if (this.body[this.position] !== '$') {
      this.fail(`expected a selector starting with "$" at position ${this.position}`);
    }
    this.position++;
    const path: PathSegment[] = [];
    for (;;) {
      const next = this.body[this.position];
      if (next === '.') {
        this.position++;
        const name = PROPERTY_NAME.exec(this.body.slice(this.position))?.[0];
        if (name === undefined) this.fail(`expected a property name after "." at position ${this.position}`);
        path.push(name);
        this.position += name.length;
      } else if (next === '[') {
        const index = /^\[(\d+)\]/.exec(this.body.slice(this.position));
        if (!index) this.fail(`expected an array index such as [0] at position ${this.position}`);
        path.push(Number(index[1]));
        this.position += index[0].length;
      } else break;
    }
    if (path.length === 0) this.fail('a selector needs a property, such as $.level');
    return path;
  }

  private parseLiteral(selector: string, operator: ComparisonOperator): Literal {
    this.skipSpace();
    const start = this.body[this.position];
    if (start === '"') return { kind: 'string', text: this.parseQuoted() };
    if (start === '%') {
      const end = this.body.indexOf('%', this.position + 1);
      if (end < 0) this.fail('a regular expression value needs a closing "%"');
      const source = this.body.slice(this.position + 1, end);
      this.position = end + 1;
      try {
        return { kind: 'regex', regex: new RegExp(source) };
      } catch (error) {
        this.fail(`invalid regular expression %${source}%: ${(error as Error).message}`);
      }
    }
    const bare = /^[^\s()"]+?(?=\s|\)|&&|\|\||$)/.exec(this.body.slice(this.position))?.[0];
    if (bare === undefined || bare === '') this.fail(`expected a value after "${selector} ${operator}"`);
    this.position += bare.length;
    return FILTER_NUMBER.test(bare)
      ? { kind: 'number', number: Number(bare), text: bare }
      : { kind: 'string', text: bare };
  }

  private parseQuoted(): string {
    let text = '';
    for (let index = this.position + 1; index < this.body.length; index++) {
      const character = this.body[index];
      if (character === '\\' && index + 1 < this.body.length) {
        text += this.body[++index];
      } else if (character === '"') {
        this.position = index + 1;
        return text;
      } else text += character;
    }
    this.fail('a quoted value needs a closing "');
  }

  private accept(token: string): boolean {
    this.skipSpace();
    if (!this.body.startsWith(token, this.position)) return false;
    this.position += token.length;
    return true;
  }

  private acceptWord(word: string): boolean {
    this.skipSpace();
    const candidate = this.body.slice(this.position, this.position + word.length);
    const after = this.body[this.position + word.length];
    if (candidate.toUpperCase() !== word || (after !== undefined && /[A-Za-z0-9_]/.test(after))) return false;
    this.position += word.length;
    return true;
  }

  private skipSpace(): void {
    while (this.position < this.body.length && /\s/.test(this.body[this.position])) this.position++;
  }

  private fail(reason: string): never {
    throw new InvalidFilterPatternError(this.pattern, reason);
  }
}

/**
 * Compiles a JSON filter pattern (`{ $.level = "ERROR" && $.count > 3 }`) as CloudWatch Logs documents
 * it: selectors with properties and array indexes; `=` and `!=` on strings (quoted or bare, `*` at
 * either end as a wildcard, or a `%regex%`) and numbers; `<`, `>`, `<=`, `>=` on numbers; `IS NULL`,
 * `IS TRUE`, `IS FALSE`, `NOT EXISTS`; `&&` over `||`, and parentheses. A selector that points at an
 * object or an array, or at nothing, matches neither `=` nor `!=`.
 *
 * @param pattern the whole pattern, braces included, for error messages
 * @throws InvalidFilterPatternError when CloudWatch Logs would refuse the pattern
 */
export function compileJsonFilterPattern(pattern: string): JsonCondition {
  const trimmed = pattern.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) {
    throw new InvalidFilterPatternError(pattern, 'a JSON pattern is enclosed in { and }');
  }
  return new JsonPatternParser(pattern, trimmed.slice(1, -1)).parse();
}
