import { queryList, queryMap, readQueryStructure } from '../../src/protocol/query-shape';

const parameters = (form: Record<string, string>) => new Map(Object.entries(form));

const SQS_RECEIVE = {
  AttributeNames: queryList({ queryName: 'AttributeName', flattened: true }),
  MessageAttributeNames: queryList({ queryName: 'MessageAttributeName', flattened: true }),
};

describe('readQueryStructure', () => {
  it('reads flattened lists in order of their numbers, and other parameters as strings', () => {
    expect(
      readQueryStructure(
        parameters({
          QueueUrl: 'q',
          'AttributeName.2': 'b',
          'AttributeName.10': 'c',
          'AttributeName.1': 'a',
        }),
        SQS_RECEIVE,
      ),
    ).toStrictEqual({ QueueUrl: 'q', AttributeNames: ['a', 'b', 'c'] });
  });

  it.each([
    ['its member name', 'AttributeNames'],
    ['its query name', 'AttributeName'],
  ])('reads a list sent as %s with no value as an empty list', (_what, name) => {
    expect(readQueryStructure(parameters({ [name]: '', QueueUrl: 'q' }), SQS_RECEIVE)).toStrictEqual({
      QueueUrl: 'q',
      AttributeNames: [],
    });
  });

  it('leaves a list sent as a bare name with a value as that string, for the operation to refuse', () => {
    expect(readQueryStructure(parameters({ AttributeNames: 'All' }), SQS_RECEIVE)).toStrictEqual({
      AttributeNames: 'All',
    });
  });

  it('leaves out a list that is not sent', () => {
    expect(readQueryStructure(parameters({ QueueUrl: 'q' }), SQS_RECEIVE)).toStrictEqual({ QueueUrl: 'q' });
  });

  it('reads member lists and entry maps (SNS, CloudFormation), empty ones too', () => {
    const shape = { TagKeys: queryList(), Attributes: queryMap() };

    expect(
      readQueryStructure(
        parameters({
          'TagKeys.member.1': 'team',
          'Attributes.entry.1.key': 'k',
          'Attributes.entry.1.value': 'v',
        }),
        shape,
      ),
    ).toStrictEqual({ TagKeys: ['team'], Attributes: { k: 'v' } });
    expect(readQueryStructure(parameters({ TagKeys: '', Attributes: '' }), shape)).toStrictEqual({
      TagKeys: [],
      Attributes: {},
    });
  });

  it('reads lists of structures and maps of structures with their own lists', () => {
    const shape = {
      Entries: queryList({
        queryName: 'SendMessageBatchRequestEntry',
        flattened: true,
        items: {
          MessageAttributes: queryMap({
            queryName: 'MessageAttribute',
            flattened: true,
            keyName: 'Name',
            valueName: 'Value',
            values: { StringListValues: queryList({ queryName: 'StringListValue', flattened: true }) },
          }),
        },
      }),
    };

    const input = readQueryStructure(
      parameters({
        'SendMessageBatchRequestEntry.1.Id': 'a',
        'SendMessageBatchRequestEntry.1.MessageAttribute.1.Name': 'colour',
        'SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.DataType': 'String',
        'SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.StringListValue.1': 'red',
        'SendMessageBatchRequestEntry.2.Id': 'b',
      }),
      shape,
    );

    expect(input).toStrictEqual({
      Entries: [
        { Id: 'a', MessageAttributes: { colour: { DataType: 'String', StringListValues: ['red'] } } },
        { Id: 'b' },
      ],
    });
  });

  it('ignores items numbered 0 or not numbered', () => {
    expect(
      readQueryStructure(parameters({ 'AttributeName.0': 'x', 'AttributeName.one': 'y' }), SQS_RECEIVE),
    ).toStrictEqual({});
  });
});
