// `greeting` is not in this bundle: it comes from the function's layer, as on Lambda.
const { greet } = require('greeting');

exports.handler = async (event) => {
  for (const record of event.Records ?? []) console.log(greet(record.body));
  return { greeting: greet(event.name ?? 'world'), from: require.resolve('greeting') };
};
