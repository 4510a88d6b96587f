exports.handler = async (event) => ({ echoed: event });
