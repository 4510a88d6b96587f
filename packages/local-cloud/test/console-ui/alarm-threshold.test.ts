import { comparisonSymbol, crossesThreshold } from '../../src/console/ui/alarm-threshold';

describe('crossesThreshold', () => {
  test.each([
    ['GreaterThanThreshold', 5, false, 6, true],
    ['GreaterThanOrEqualToThreshold', 4, false, 5, true],
    ['LessThanThreshold', 5, false, 4, true],
    ['LessThanOrEqualToThreshold', 6, false, 5, true],
  ])(
    '%s with threshold 5: %d crosses %s, %d crosses %s',
    (operator, below, belowCrosses, above, aboveCrosses) => {
      expect(crossesThreshold(below, operator, 5)).toBe(belowCrosses);
      expect(crossesThreshold(above, operator, 5)).toBe(aboveCrosses);
    },
  );

  test('an operator it does not know never crosses, and reads as itself', () => {
    expect(crossesThreshold(100, 'LessThanLowerOrGreaterThanUpperThreshold', 5)).toBe(false);
    expect(comparisonSymbol('GreaterThanOrEqualToThreshold')).toBe('≥');
    expect(comparisonSymbol('Other')).toBe('Other');
  });
});
