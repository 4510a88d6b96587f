import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { md5OfBody, md5OfMessageAttributes } from '../../src/sqs/md5';

const FIXTURES = '/work/shared/fixtures';

function fixtureRecords(file: string): { body: string; md5OfBody: string }[] {
  return JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')).Records;
}

describe('md5OfBody', () => {
  it.each(['sqs-event-json-body.json', 'sqs-event-plain-text.json'])(
    'matches the MD5 real SQS reported in %s',
    (file) => {
      for (const record of fixtureRecords(file)) {
        expect(md5OfBody(record.body)).toBe(record.md5OfBody);
      }
    },
  );

  it('matches the MD5 of the AWS CLI documentation example', () => {
    expect(md5OfBody('Information about the largest city in Any Region.')).toBe(
      '51b0a3256d59467f973009b739163aa0',
    );
  });
});

describe('md5OfMessageAttributes', () => {
  // Published vectors of AWS's algorithm (aws-md5-of-message-attributes on npm), checked against SQS.
  it.each([
    [
      { attribName1: { DataType: 'String', StringValue: 'attribValue 1' } },
      '19e27d4e946b072f3f58da80d94fd778',
    ],
    [
      {
        customNumberTypeAttrib: {
          DataType: 'Number.float',
          StringValue: '4563442423554324324264524243.32543234',
        },
      },
      '9fe1b90bbd9965bdf77bac517c7d2495',
    ],
    [
      {
        binaryAttribute: {
          DataType: 'Binary',
          BinaryValue: Buffer.from('Hello binary world!').toString('base64'),
        },
      },
      '31a92b15d92f8db860eda32aceb656c3',
    ],
    [
      {
        attribName1: { DataType: 'String', StringValue: 'attribValue 1' },
        customNumberTypeAttrib: {
          DataType: 'Number.float',
          StringValue: '4563442423554324324264524243.32543234',
        },
        binaryAttribute: {
          DataType: 'Binary',
          BinaryValue: Buffer.from('Hello binary world!').toString('base64'),
        },
      },
      'c932db14a896c663f83c260297d594ff',
    ],
  ])('computes %j as %s', (attributes, expected) => {
    expect(md5OfMessageAttributes(attributes)).toBe(expected);
  });

  it('omits the digest when there are no attributes', () => {
    expect(md5OfMessageAttributes({})).toBeUndefined();
    expect(md5OfMessageAttributes(undefined)).toBeUndefined();
  });
});
