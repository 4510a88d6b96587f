import { AwsError } from '../../src/protocol/aws-error';
import {
  parseQueryForm,
  parseQueryRequest,
  queryErrorReply,
  queryResultReply,
} from '../../src/protocol/aws-query';
import { queryList, queryMap } from '../../src/protocol/query-shape';
import { XmlList, XmlMap } from '../../src/protocol/query-xml';

const SNS = { namespace: 'http://sns.amazonaws.com/doc/2010-03-31/' };
const SQS = {
  namespace: 'http://queue.amazonaws.com/doc/2012-11-05/',
  declaration: '<?xml version="1.0"?>',
  errorDetail: true,
};

describe('parseQueryForm', () => {
  it('reads the URL query string and the body, the body winning, + as a space', () => {
    expect(
      parseQueryForm('Action=Publish&Message=a+b%26c', '/?Version=2010-03-31&Action=Other'),
    ).toStrictEqual(
      new Map([
        ['Version', '2010-03-31'],
        ['Action', 'Publish'],
        ['Message', 'a b&c'],
      ]),
    );
  });

  it('reads a parameter without = as empty', () => {
    expect(parseQueryForm(Buffer.from('TagKeys&Action=UntagResource'))).toStrictEqual(
      new Map([
        ['TagKeys', ''],
        ['Action', 'UntagResource'],
      ]),
    );
  });

  it('refuses bad percent-encoding as MalformedQueryString', () => {
    expect(() => parseQueryForm('Message=%E0%A4%A')).toThrow(
      expect.objectContaining({ code: 'MalformedQueryString', httpStatus: 400 }),
    );
  });
});

describe('parseQueryRequest', () => {
  const shapes = { UntagResource: { TagKeys: queryList() }, SetAttributes: { Attributes: queryMap() } };

  it("reads the action's lists with its shape, an empty one from its bare name", () => {
    expect(
      parseQueryRequest('Action=UntagResource&Version=2010-03-31&ResourceArn=arn&TagKeys=', '/', shapes),
    ).toStrictEqual({
      action: 'UntagResource',
      version: '2010-03-31',
      parameters: new Map([
        ['Action', 'UntagResource'],
        ['Version', '2010-03-31'],
        ['ResourceArn', 'arn'],
        ['TagKeys', ''],
      ]),
      input: { ResourceArn: 'arn', TagKeys: [] },
    });
  });

  it('reads an action without a shape, or no action, with strings only', () => {
    expect(parseQueryRequest('Action=Other&TagKeys=', '/', shapes).input).toStrictEqual({ TagKeys: '' });
    expect(parseQueryRequest('StackName=s', '/', shapes)).toMatchObject({
      action: undefined,
      input: { StackName: 's' },
    });
  });
});

describe('Query XML replies', () => {
  it('writes a result with lists as members and maps as entries, and the request id', () => {
    const reply = queryResultReply(
      SNS,
      'GetTopicAttributes',
      { Attributes: new XmlMap({ Owner: '0' }), Topics: [{ TopicArn: 'a&b' }], Absent: undefined },
      { requestId: 'r-1' },
    );

    expect(reply).toStrictEqual({
      status: 200,
      headers: { 'content-type': 'text/xml', 'x-amzn-requestid': 'r-1' },
      body:
        '<GetTopicAttributesResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><GetTopicAttributesResult>' +
        '<Attributes><entry><key>Owner</key><value>0</value></entry></Attributes>' +
        '<Topics><member><TopicArn>a&amp;b</TopicArn></member></Topics>' +
        '</GetTopicAttributesResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetTopicAttributesResponse>',
    });
  });

  it('writes flattened lists and maps without a wrapper, and escapes CR so the body keeps its MD5', () => {
    const reply = queryResultReply(
      SQS,
      'ReceiveMessage',
      {
        Messages: new XmlList(
          [
            {
              Body: 'a\r\nb',
              Attributes: new XmlMap(
                { SenderId: 's' },
                { entry: 'Attribute', key: 'Name', value: 'Value', flattened: true },
              ),
            },
          ],
          'Message',
          true,
        ),
      },
      { requestId: 'r-2' },
    );

    expect(reply.body).toBe(
      '<?xml version="1.0"?><ReceiveMessageResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/"><ReceiveMessageResult>' +
        '<Message><Body>a&#xD;\nb</Body><Attribute><Name>SenderId</Name><Value>s</Value></Attribute></Message>' +
        '</ReceiveMessageResult><ResponseMetadata><RequestId>r-2</RequestId></ResponseMetadata></ReceiveMessageResponse>',
    );
  });

  it('writes no result element for an action that returns nothing', () => {
    expect(queryResultReply(SNS, 'DeleteTopic', undefined, { requestId: 'r' }).body).toBe(
      '<DeleteTopicResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DeleteTopicResponse>',
    );
  });

  it("writes an error with its Query code, its fault and the dialect's Detail", () => {
    const error = new AwsError('QueueDoesNotExist', 'no <queue>', {
      queryCode: 'AWS.SimpleQueueService.NonExistentQueue',
    });

    expect(queryErrorReply(SQS, error, { requestId: 'r-3' })).toStrictEqual({
      status: 400,
      headers: { 'content-type': 'text/xml', 'x-amzn-requestid': 'r-3' },
      body:
        '<?xml version="1.0"?><ErrorResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/"><Error><Type>Sender</Type>' +
        '<Code>AWS.SimpleQueueService.NonExistentQueue</Code><Message>no &lt;queue&gt;</Message><Detail/></Error>' +
        '<RequestId>r-3</RequestId></ErrorResponse>',
    });
    expect(
      queryErrorReply(SNS, new AwsError('InternalError', 'x', { httpStatus: 500 }), { requestId: 'r' }).body,
    ).toBe(
      '<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Receiver</Type><Code>InternalError</Code><Message>x</Message></Error><RequestId>r</RequestId></ErrorResponse>',
    );
  });
});
