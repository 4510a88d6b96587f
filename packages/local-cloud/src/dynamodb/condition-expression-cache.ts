/**
 * dynalite parses every condition-style expression (ConditionExpression, KeyConditionExpression,
 * FilterExpression) with a generated PEG parser on every request: about 80 µs for
 * `attribute_not_exists(orderId)`, which ProcessOrders sends with every order. The result of a
 * parse depends on the expression and, through the parser's context, on ExpressionAttributeNames
 * and ExpressionAttributeValues, whose entries it substitutes and marks as used. An expression
 * without either parses to the same tree every time, and dynalite only reads that tree afterwards
 * (`matchesExprFilter`, `convertKeyCondition`), so those parses are remembered here. Anything else
 * (attribute names or values, an expression that fails to parse) is parsed as before, errors and
 * their messages untouched.
 */

/** The shape of dynalite's generated parsers (`dynalite/db/conditionParser`). */
interface ExpressionParser {
  parse(expression: string, options: { context: ParserContext }): unknown;
}

interface ParserContext {
  readonly attrNames?: unknown;
  readonly attrVals?: unknown;
}

/** Distinct expressions kept; ample for an application's handful, bounded for anything else. */
const CAPACITY = 1_000;

const installed = new WeakSet<ExpressionParser>();

/** Wraps `parser.parse` (once per parser object) with the cache described above. */
export function cacheParsesWithoutAttributes(parser: ExpressionParser): void {
  if (installed.has(parser)) return;
  installed.add(parser);
  const parse = parser.parse.bind(parser);
  const parsed = new Map<string, unknown>();
  parser.parse = (expression, options) => {
    const { attrNames, attrVals } = options.context;
    if (attrNames != null || attrVals != null) return parse(expression, options);
    const known = parsed.get(expression);
    if (known !== undefined) return known;
    const result = parse(expression, options);
    if (parsed.size >= CAPACITY) parsed.delete(parsed.keys().next().value as string);
    parsed.set(expression, result);
    return result;
  };
}

/** Installs the cache on the parser dynalite's request validation uses. */
export function cacheDynaliteConditionParses(): void {
  // The module instance dynalite's validations/index.js requires: the same file, the same object.
  cacheParsesWithoutAttributes(require('dynalite/db/conditionParser') as ExpressionParser);
}
