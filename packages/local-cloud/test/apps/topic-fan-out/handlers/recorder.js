// Logs each notification it is given, so a test can find it in the function's log group.
exports.handler = async (event) => {
  for (const record of event.Records) {
    console.log(`notified ${record.Sns.MessageId} ${record.Sns.Message} from ${record.EventSource}`);
  }
};
