import { openerOf } from '../../src/console/ui/focus-opener';

/** An element stand-in: only identity and `contains` matter to the choice. */
interface FakeElement {
  contains(other: FakeElement): boolean;
}

function element(children: readonly FakeElement[] = []): FakeElement {
  const self: FakeElement = { contains: (other) => other === self || children.includes(other) };
  return self;
}

describe('the element a closing panel gives the focus back to', () => {
  const body = element();
  const canvas = element();
  const linkInPanel = element();
  const panel = element([linkInPanel]);

  test('is what had the focus as the panel opened, such as the timeline canvas', () => {
    expect(openerOf(canvas, panel, body)).toBe(canvas);
  });

  test('is not an element of the panel itself (a link to another attempt keeps the first opener)', () => {
    expect(openerOf(linkInPanel, panel, body)).toBeUndefined();
  });

  test('is none when nothing had the focus (the body), or before the panel exists', () => {
    expect(openerOf(body, panel, body)).toBeUndefined();
    expect(openerOf(null, panel, body)).toBeUndefined();
    expect(openerOf(canvas, null, body)).toBe(canvas);
  });
});
