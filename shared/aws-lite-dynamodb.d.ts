/** `@aws-lite/dynamodb` ships no types: it is a plugin object handed to aws-lite's `plugins`. */
declare module '@aws-lite/dynamodb' {
  const plugin: unknown;
  export default plugin;
}
