/** Whether `value` is on the alarming side of `threshold` for a CloudWatch comparison operator. */
export function crossesThreshold(value: number, comparisonOperator: string, threshold: number): boolean {
  switch (comparisonOperator) {
    case 'GreaterThanThreshold':
      return value > threshold;
    case 'GreaterThanOrEqualToThreshold':
      return value >= threshold;
    case 'LessThanThreshold':
      return value < threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= threshold;
    default:
      return false;
  }
}

/** `>`, `≥`, `<` or `≤` for a comparison operator; the operator itself when it is another one. */
export function comparisonSymbol(comparisonOperator: string): string {
  const symbols: Record<string, string> = {
    GreaterThanThreshold: '>',
    GreaterThanOrEqualToThreshold: '≥',
    LessThanThreshold: '<',
    LessThanOrEqualToThreshold: '≤',
  };
  return symbols[comparisonOperator] ?? comparisonOperator;
}
