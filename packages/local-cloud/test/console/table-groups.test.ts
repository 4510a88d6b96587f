import {
  ATTRIBUTE_NAME_MAX_LENGTH,
  BadGroupAttributeError,
  canonicalJson,
  groupAttribute,
  TableGrouping,
} from '../../src/console/table-groups';

function groupingOf(items: readonly Record<string, unknown>[], attribute = 'reason', samples = 20) {
  const grouping = new TableGrouping(attribute, samples);
  for (const item of items) grouping.add(item);
  return grouping.result();
}

describe('grouping a table by one attribute', () => {
  test('one group per distinct value with its count, the largest first, ties by label', () => {
    const items = [
      { id: '1', reason: 'INVALID_ORDER' },
      { id: '2', reason: 'RETRIES_EXHAUSTED' },
      { id: '3', reason: 'INVALID_ORDER' },
      { id: '4', reason: 'BAD_JSON' },
    ];

    expect(groupingOf(items).map(({ label, count }) => [label, count])).toStrictEqual([
      ['INVALID_ORDER', 2],
      ['BAD_JSON', 1],
      ['RETRIES_EXHAUSTED', 1],
    ]);
  });

  test('each group keeps its items in scan order, with the value itself', () => {
    const [group] = groupingOf([
      { id: '1', reason: 'A' },
      { id: '2', reason: 'A' },
    ]);

    expect(group).toStrictEqual({
      label: 'A',
      value: 'A',
      count: 2,
      samples: [
        { id: '1', reason: 'A' },
        { id: '2', reason: 'A' },
      ],
    });
  });

  test('items without the attribute are a group of their own, "(missing)", apart from a string "(missing)"', () => {
    const groups = groupingOf([{ id: '1' }, { id: '2', reason: '(missing)' }, { id: '3', reason: null }]);

    expect(groups).toStrictEqual([
      { label: '(missing)', value: '(missing)', count: 1, samples: [{ id: '2', reason: '(missing)' }] },
      { label: 'null', value: null, count: 1, samples: [{ id: '3', reason: null }] },
      { label: '(missing)', missing: true, count: 1, samples: [{ id: '1' }] },
    ]);
  });

  test('values that are not strings read as their JSON, and the number 7 is not the string "7"', () => {
    const groups = groupingOf(
      [{ n: 7 }, { n: '7' }, { n: true }, { n: ['a', 1] }, { n: { b: 1, a: 2 } }, { n: { a: 2, b: 1 } }],
      'n',
    );

    expect(groups.map(({ label, count }) => [label, count])).toStrictEqual([
      ['{"a":2,"b":1}', 2],
      ['["a",1]', 1],
      ['7', 1],
      ['7', 1],
      ['true', 1],
    ]);
    expect(groups.filter((group) => group.label === '7').map((group) => group.value)).toStrictEqual(
      expect.arrayContaining([7, '7']),
    );
  });

  test('a group keeps at most the samples asked for, and still counts every item', () => {
    const items = Array.from({ length: 30 }, (_, index) => ({ id: String(index), reason: 'A' }));

    const [group] = groupingOf(items, 'reason', 20);
    const [none] = groupingOf(items, 'reason', 0);

    expect(group.count).toBe(30);
    expect(group.samples.map((item) => item.id)).toStrictEqual(
      Array.from({ length: 20 }, (_, index) => String(index)),
    );
    expect(none).toMatchObject({ count: 30, samples: [] });
  });

  test('an empty table has no groups', () => {
    expect(groupingOf([])).toStrictEqual([]);
  });

  test('canonical JSON sorts the keys of nested maps, not the order of lists', () => {
    expect(canonicalJson({ b: [2, 1], a: { d: 1, c: 2 } })).toBe('{"a":{"c":2,"d":1},"b":[2,1]}');
  });
});

describe('the attribute asked for', () => {
  test('is taken as given, spaces and dots included', () => {
    expect(groupAttribute('customer.address 2')).toBe('customer.address 2');
    expect(groupAttribute('x'.repeat(ATTRIBUTE_NAME_MAX_LENGTH))).toHaveLength(ATTRIBUTE_NAME_MAX_LENGTH);
  });

  test.each([
    ['absent', null, /given nothing/],
    ['empty', '', /given nothing/],
    ['too long', 'x'.repeat(ATTRIBUTE_NAME_MAX_LENGTH + 1), /at most 255 characters \(given 256\)/],
  ])('fails if it is %s', (_case, given, message) => {
    expect(() => groupAttribute(given)).toThrow(BadGroupAttributeError);
    expect(() => groupAttribute(given)).toThrow(message);
  });
});
