// The tests run on Node.js 20; the AWS SDK's warning that its 2027 releases will need Node.js 22
// would otherwise be printed by every suite that creates a client. README and NOTES say it once.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
