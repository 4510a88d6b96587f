import { canonicalJson, contentHash } from '../../shared/content-hash';

describe('canonicalJson', () => {
  it('sorts the keys of every object, nested ones included, and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }, 'x'] })).toBe('{"a":[{"c":3,"d":2},"x"],"b":1}');
  });
});

describe('contentHash', () => {
  it('is the same for the same content written with keys in another order', () => {
    expect(contentHash({ orderId: 'o', items: ['a'] })).toBe(contentHash({ items: ['a'], orderId: 'o' }));
  });

  it('differs when any value differs', () => {
    expect(contentHash({ orderId: 'o', items: ['a'] })).not.toBe(contentHash({ orderId: 'o', items: ['b'] }));
  });

  it('is the SHA-256 hex of the canonical JSON', () => {
    // sha256('{"a":1}')
    expect(contentHash({ a: 1 })).toBe('015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862');
  });
});
