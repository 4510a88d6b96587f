// Subscribed to the topic with no filter policy: records every order it is notified of in the
// Audit table, with the notification's message id and region attribute.
const { recordOnce } = require('./record-once');

exports.handler = async (event) => {
  for (const record of event.Records) {
    const { order } = JSON.parse(record.Sns.Message);
    await recordOnce(
      { orderId: order.id },
      {
        snsMessageId: record.Sns.MessageId,
        region: record.Sns.MessageAttributes?.region?.Value,
        total: order.total,
      },
    );
  }
};
