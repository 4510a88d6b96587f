// Drains a route's queue into the Routed table, an item per order and route. A body is either the
// order as published (raw delivery, its attributes SQS message attributes) or SNS's JSON envelope.
// A record it cannot store is reported alone as a batch item failure, the others are deleted.
const { recordOnce } = require('./record-once');

/** The order a record carries, how it was delivered, and its region attribute. */
function read(record) {
  const body = JSON.parse(record.body);
  if (body.Type === 'Notification' && typeof body.Message === 'string') {
    return {
      delivery: 'envelope',
      snsMessageId: body.MessageId,
      order: JSON.parse(body.Message).order,
      region: body.MessageAttributes?.region?.Value,
    };
  }
  return { delivery: 'raw', order: body.order, region: record.messageAttributes?.region?.stringValue };
}

exports.handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    try {
      const { order, ...delivered } = read(record);
      if (typeof order?.id !== 'string') throw new Error(`no order id in ${record.body}`);
      await recordOnce({ orderId: order.id, route: process.env.ROUTE }, { ...delivered, total: order.total });
    } catch (error) {
      console.error(`cannot store ${record.messageId}: ${error}`);
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
