/** A log line read for display: its level and, for a JSON line, its fields. */
export interface FormattedLogLine {
  /** `INFO`, `WARN`, `ERROR`, ... upper case; absent on platform lines (START, END, REPORT). */
  readonly level?: string;
  /** A JSON object line's fields, in the order written, values as JSON text (strings as they are). */
  readonly fields?: readonly (readonly [string, string])[];
  /** The line as written, for lines that are not JSON objects. */
  readonly text: string;
}

/**
 * Reads a line as Lambda writes it: a JSON object (Powertools' logger, Lambda's JSON format), the
 * text format `<time>\t<request id>\t<LEVEL>\t<message>` whose message may itself be a JSON
 * object, or a platform line.
 */
export function formatLogLine(message: string): FormattedLogLine {
  const text = message.replace(/\n$/, '');
  const parts = text.split('\t');
  const textLevel = parts.length >= 4 && /^[A-Z]+$/.test(parts[2]) ? parts[2] : undefined;
  const object = parseObject(textLevel ? parts.slice(3).join('\t') : text);
  if (!object) return { level: textLevel, text };
  const level = levelOf(object) ?? textLevel;
  const fields = Object.entries(object).map(([key, value]) => [key, fieldText(value)] as const);
  return { level, fields, text };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function levelOf(object: Record<string, unknown>): string | undefined {
  const level = object.level ?? object.Level ?? object.severity;
  return typeof level === 'string' ? level.toUpperCase() : undefined;
}

function fieldText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
