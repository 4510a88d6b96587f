import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_DIRECTORY, generateOrderValidatorFiles } from '../../shared/generate-order-validator';
import { EXPLAINED_PATTERNS, validateOrder } from '../../shared/order-validation';

/** DynamoDB's item size limit, attribute names included. */
const DYNAMODB_MAX_ITEM_BYTES = 400 * 1024;

describe('the generated order schema and validator', () => {
  const files = generateOrderValidatorFiles();

  test.each(Object.keys(files))(
    'shared/generated/%s is up to date with shared/order.ts (run `npm run generate`)',
    (name) => {
      expect(readFileSync(join(GENERATED_DIRECTORY, name), 'utf8')).toBe(files[name]);
    },
  );

  test('the schema requires every Order field and allows no others', () => {
    const schema = JSON.parse(files['order.schema.json']);
    expect(schema.required).toStrictEqual(['orderId', 'customerName', 'customerAddress', 'items']);
    expect(schema.additionalProperties).toBe(false);
  });

  test('order-limits.json gives the limits of every field of the schema, for code that acts before Ajv', () => {
    const schema = JSON.parse(files['order.schema.json']);

    expect(JSON.parse(files['order-limits.json'])).toStrictEqual({
      orderId: { minLength: 1, maxLength: schema.properties.orderId.maxLength },
      customerName: { minLength: 1, maxLength: schema.properties.customerName.maxLength },
      customerAddress: { minLength: 1, maxLength: schema.properties.customerAddress.maxLength },
      items: { maxItems: schema.properties.items.maxItems },
    });
  });

  test('every pattern of the schema has a reason in words', () => {
    const patterns = [...files['order.schema.json'].matchAll(/"pattern": ("(?:[^"\\]|\\.)*")/g)].map(
      ([, pattern]) => JSON.parse(pattern),
    );

    expect(patterns.length).toBeGreaterThan(0);
    expect(EXPLAINED_PATTERNS).toStrictEqual(expect.arrayContaining(patterns));
  });

  test('the largest order the schema accepts fits in a DynamoDB item (400 KB), with room to spare', () => {
    const schema = JSON.parse(files['order.schema.json']);
    const { orderId, customerName, customerAddress, items } = schema.properties;
    // Four-byte characters (emoji) at every length limit: the most UTF-8 bytes the limits allow.
    const widest = (length: number) => '😀'.repeat(length);
    const largest = {
      orderId: 'x'.repeat(orderId.maxLength),
      customerName: widest(customerName.maxLength),
      customerAddress: widest(customerAddress.maxLength),
      items: Array(items.maxItems).fill(widest(schema.definitions.OrderItem.maxLength)),
    };
    const stored = {
      ...largest,
      contentHash: 'f'.repeat(64),
      messageId: randomUUID(),
      storedAt: new Date().toISOString(),
    };

    expect(validateOrder(largest)).toStrictEqual({ valid: true, order: largest });
    // JSON counts at least what DynamoDB does: names and UTF-8 values, plus quotes and commas.
    expect(Buffer.byteLength(JSON.stringify(stored))).toBeLessThan(DYNAMODB_MAX_ITEM_BYTES / 4);
  });

  test('the validator is standalone: it needs no Ajv compiler at run time', () => {
    const source = files['validate-order.js'];
    expect(source).not.toMatch(/require\("ajv"\)/);
    expect(source).not.toMatch(/new Ajv|\.compile\(/);
  });
});
