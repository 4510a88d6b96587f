/**
 * The keys that the top-level object of a JSON text names more than once, each once, in order.
 *
 * `JSON.parse` keeps the last of duplicate keys silently, while other parsers keep the first or
 * refuse the text (RFC 8259 leaves it open), so `{"orderId":"a","orderId":"b"}` could be a
 * different order to each reader. Only the top level matters: an order has no nested objects, so
 * a nested one is refused by the schema anyway. The scan is iterative, so nesting of any depth
 * costs no stack.
 *
 * @param json a text that `JSON.parse` accepted
 * @example duplicateTopLevelKeys('{"a":1,"b":{"a":2},"a":3}') // ['a']
 */
export function duplicateTopLevelKeys(json: string): string[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  let depth = 0;
  let topLevelIsObject = false;
  let expectingKey = false;
  for (let index = 0; index < json.length; index += 1) {
    const character = json[index];
    if (character === '"') {
      const end = endOfString(json, index);
      if (depth === 1 && topLevelIsObject && expectingKey) {
        const raw = json.slice(index + 1, end);
        // Only a key with an escape needs decoding ("order\u0049d" is "orderId").
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (seen.has(key)) duplicates.add(key);
        seen.add(key);
        expectingKey = false;
      }
      index = end;
    } else if (character === '{' || character === '[') {
      if (depth === 0) {
        topLevelIsObject = character === '{';
        expectingKey = topLevelIsObject;
      }
      depth += 1;
    } else if (character === '}' || character === ']') {
      depth -= 1;
    } else if (character === ',' && depth === 1) {
      expectingKey = topLevelIsObject;
    }
  }
  return [...duplicates];
}

/** Index of the quote that closes the string opening at `start`. */
function endOfString(json: string, start: number): number {
  let index = start + 1;
  while (index < json.length && json[index] !== '"') index += json[index] === '\\' ? 2 : 1;
  return index;
}
