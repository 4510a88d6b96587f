exports.greet = (name) => `Hello, ${name}, from the greeting layer`;
