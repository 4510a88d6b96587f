import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_DIRECTORY, generateOrderValidatorFiles } from '../../shared/generate-order-validator';

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

  test('the validator is standalone: it needs no Ajv compiler at run time', () => {
    const source = files['validate-order.js'];
    expect(source).not.toMatch(/require\("ajv"\)/);
    expect(source).not.toMatch(/new Ajv|\.compile\(/);
  });
});
