import {
  attributeNamesSeen,
  groupByChoices,
  groupItemsText,
  groupingSummary,
  tableGroupsPath,
} from '../../src/console/ui/table-groups';

describe("a table page's group-by choices and texts", () => {
  test('the names offered are the key attributes first, then every other top-level name seen, alphabetically', () => {
    const names = attributeNamesSeen(
      [],
      [
        { messageId: 'm1', reason: 'INVALID_ORDER', errors: [] },
        { messageId: 'm2', orderId: 'o2', approximateReceiveCount: 6 },
      ],
      ['messageId'],
    );

    expect(names).toStrictEqual(['messageId', 'approximateReceiveCount', 'errors', 'orderId', 'reason']);
  });

  test('names seen on a later page are added to those already offered, and none is lost', () => {
    const first = attributeNamesSeen([], [{ id: '1', a: 1 }], ['id']);

    expect(attributeNamesSeen(first, [{ id: '2', c: 1 }], ['id'])).toStrictEqual(['id', 'a', 'c']);
  });

  test('a page with no new name gives back the same list, so nothing renders again', () => {
    const known = attributeNamesSeen([], [{ id: '1', a: 1 }], ['id']);

    expect(attributeNamesSeen(known, [{ id: '2' }, { a: 3 }], ['id'])).toBe(known);
  });

  test('the attribute grouped by is offered even before an item with it was seen', () => {
    expect(groupByChoices(['id'], 'reason')).toStrictEqual(['id', 'reason']);
    expect(groupByChoices(['id', 'reason'], 'reason')).toStrictEqual(['id', 'reason']);
    expect(groupByChoices(['id'], undefined)).toStrictEqual(['id']);
  });

  test('the API path encodes the table and the attribute', () => {
    expect(tableGroupsPath('Orders/Rejected', 'a&b c')).toBe(
      'tables/Orders%2FRejected/groups?attribute=a%26b%20c',
    );
  });

  test.each([
    [{ count: 1, samples: [{}] }, '1 item'],
    [{ count: 3, samples: [{}, {}, {}] }, '3 items'],
    [{ count: 1234, samples: Array.from({ length: 20 }, () => ({})) }, '1,234 items, the first 20 shown'],
  ])("a group's items read %#", (group, text) => {
    expect(groupItemsText(group)).toBe(text);
  });

  test('the summary says when the scan stopped before the end of the table', () => {
    expect(groupingSummary(11, 2, false)).toBe('2 groups, 11 items');
    expect(groupingSummary(1, 1, false)).toBe('1 group, 1 item');
    expect(groupingSummary(10_000, 3, true)).toBe(
      '3 groups in the first 10,000 items scanned: the table holds more, which are not counted',
    );
  });
});
