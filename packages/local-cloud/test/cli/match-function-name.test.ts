import { InvokeError, matchFunctionName } from '../../src/cli/invoke';

const NAMES = ['Shop-Producer1A2B3C4D', 'Shop-ProducerDlq9F8E7D6C', 'Shop-Consumer0F0F0F0F'];

describe('the function local-cloud invoke names', () => {
  test('is found by its name, its ARN, or the logical id CDK added a hash to', () => {
    expect(matchFunctionName(NAMES, 'Shop-Consumer0F0F0F0F')).toBe('Shop-Consumer0F0F0F0F');
    expect(
      matchFunctionName(NAMES, 'arn:aws:lambda:us-east-1:000000000000:function:Shop-Consumer0F0F0F0F'),
    ).toBe('Shop-Consumer0F0F0F0F');
    expect(matchFunctionName(NAMES, 'Consumer')).toBe('Shop-Consumer0F0F0F0F');
    expect(matchFunctionName(NAMES, 'Producer')).toBe('Shop-Producer1A2B3C4D');
    expect(matchFunctionName(NAMES, 'Producer1A2B3C4D')).toBe('Shop-Producer1A2B3C4D');
  });

  test('fails naming the functions there are when none matches', () => {
    expect(() => matchFunctionName(NAMES, 'Orders')).toThrow(InvokeError);
    expect(() => matchFunctionName(NAMES, 'Orders')).toThrow(
      'no function is named Orders (functions: Shop-Producer1A2B3C4D, Shop-ProducerDlq9F8E7D6C, Shop-Consumer0F0F0F0F)',
    );
  });

  test('fails when a logical id names more than one function', () => {
    expect(() => matchFunctionName(['A-Fn11111111', 'B-Fn22222222'], 'Fn')).toThrow(
      'Fn names 2 functions (A-Fn11111111, B-Fn22222222): give the whole name',
    );
  });
});
