// Publishes one order with its region as a message attribute; the SDK comes from the runtime.
const { PublishCommand, SNSClient } = require('@aws-sdk/client-sns');

const sns = new SNSClient({});

exports.handler = async (event) => {
  const { MessageId } = await sns.send(
    new PublishCommand({
      TopicArn: process.env.TOPIC_ARN,
      Subject: 'order',
      Message: JSON.stringify(event.order),
      MessageAttributes: { region: { DataType: 'String', StringValue: event.region } },
    }),
  );
  return { messageId: MessageId };
};
