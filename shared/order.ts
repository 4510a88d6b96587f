/**
 * An order as the pipeline accepts it.
 *
 * This type is the single source of the order's shape: `npm run generate` turns it, with the
 * JSDoc constraints below, into `generated/order.schema.json` and a precompiled Ajv validator,
 * so the TypeScript type and the run-time check can never disagree.
 *
 * How strict, and why. No other fields: `additionalProperties: false` (ts-json-schema-generator's
 * default for an interface without an index signature, which `generate-order-validator.ts` states
 * explicitly), so a misspelt field (`adress`) or one this pipeline does not know (`email`) is a
 * rejection with its name, never silently dropped; that also rejects `__proto__`, `constructor` and
 * `prototype` keys, and only the object's own properties count. No type coercion: `"orderId": 42`
 * or `"items": "tea"` is an error, not a guess.
 *
 * The limits bound the stored item: at most 128 + 4 × (200 + 1000 + 100 × 200) bytes of UTF-8
 * (about 85 KB, plus the hash, message id and time ProcessOrders adds), far inside DynamoDB's
 * 400 KB item limit, so an order the schema accepts can always be written. Lengths count Unicode
 * code points, as a person counts characters, not UTF-16 units or bytes.
 *
 * Text must be visible: control characters (the address may have line breaks) and unpaired
 * surrogates (which no UTF-8 encoder can write) are refused, and so is text made only of
 * whitespace, which could not be printed on a parcel. Any script and any emoji is welcome.
 */
export interface Order {
  /**
   * The order's identity. Orders are stored under it, so a second delivery of the same order
   * stores nothing twice. GenerateOrders assigns a UUID to an order that arrives without one.
   * ASCII letters, digits and `. _ : -` only, 1 to 128 of them: a UUID (36) or a composite id from
   * another system fits, and the id is safe in logs, file names and URLs without escaping.
   * @minLength 1
   * @maxLength 128
   * @pattern ^[A-Za-z0-9._:-]*$
   */
  orderId: string;
  /**
   * Who ordered: 1 to 200 characters on one line. Generous for any person's or company's name
   * (carriers print 35 to 50 on a label), small enough to keep the stored order bounded.
   * @minLength 1
   * @maxLength 200
   * @pattern ^(?=$|[\s\S]*\S)[^\p{Cc}\p{Cs}]*$
   */
  customerName: string;
  /**
   * Where to deliver: 1 to 1000 characters, line breaks allowed (a postal address has up to
   * about 6 lines of up to about 40 characters in most countries' formats; 1000 leaves room for
   * directions and non-Latin scripts).
   * @minLength 1
   * @maxLength 1000
   * @pattern ^(?=$|[\s\S]*\S)[^\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F-\u009F\p{Cs}]*$
   */
  customerAddress: string;
  /**
   * What was ordered: 0 to 100 lines. An empty list is valid, because the demo's orders (the
   * producer's default batch) carry one. 100 lines covers a shopping basket; a bigger order is split by its producer.
   * @maxItems 100
   */
  items: OrderItem[];
}

/**
 * One line of an order: a product name or SKU, 1 to 200 characters on one line.
 * @minLength 1
 * @maxLength 200
 * @pattern ^(?=$|[\s\S]*\S)[^\p{Cc}\p{Cs}]*$
 */
export type OrderItem = string;
