import type { XmlValue } from '../query-xml';

/**
 * The `X-Amz-Target` prefix of CloudWatch's AWS JSON 1.0 protocol, which botocore (AWS CLI 1.3x+ and
 * recent 2.x) uses instead of the Query protocol: `GraniteServiceVersion20100801.DescribeAlarms`.
 */
export const CLOUDWATCH_JSON_TARGET = 'GraniteServiceVersion20100801.';

/**
 * A JSON request's input as the Query protocol's flattened parameters, so one implementation of each
 * operation serves both protocols: `{"AlarmNames": ["a"]}` becomes `AlarmNames.member.1=a`,
 * `{"Dimensions": [{"Name": "n"}]}` becomes `Dimensions.member.1.Name=n`; timestamps (epoch
 * seconds in JSON) stay numbers, which the operations accept.
 */
export function queryParametersFromJson(input: unknown, prefix = ''): Map<string, string> {
  const parameters = new Map<string, string>();
  const visit = (value: unknown, name: string) => {
    if (Array.isArray(value)) {
      value.forEach((member, index) => {
        visit(member, `${name}.member.${index + 1}`);
      });
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, member] of Object.entries(value)) visit(member, name === '' ? key : `${name}.${key}`);
    } else if (value !== undefined && value !== null) {
      parameters.set(name, String(value));
    }
  };
  visit(input, prefix);
  return parameters;
}

/** ISO 8601 timestamps of a result as the epoch seconds AWS JSON 1.0 carries. */
export function jsonResult(result: XmlValue | undefined): unknown {
  const convert = (value: unknown, key: string): unknown => {
    if (Array.isArray(value)) return value.map((member) => convert(member, ''));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(
        Object.entries(value)
          .filter(([, member]) => member !== undefined)
          .map(([name, member]) => [name, convert(member, name)]),
      );
    }
    if (typeof value === 'string' && key.endsWith('Timestamp')) return Date.parse(value) / 1000;
    return value;
  };
  return result === undefined ? {} : convert(result, '');
}
