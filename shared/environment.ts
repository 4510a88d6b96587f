/**
 * The environment variables the stack sets on the functions, declared once so the CDK constructs,
 * the handlers and the local cloud agree on the names.
 */
export const ENVIRONMENT = {
  /** URL of the orders queue (GenerateOrders sends to it). */
  ordersQueueUrl: 'ORDERS_QUEUE_URL',
  /** URL of the dead-letter queue (ProcessOrders forwards invalid orders to it). */
  deadLetterQueueUrl: 'DEAD_LETTER_QUEUE_URL',
  /**
   * Name of the table that holds accepted orders (ProcessOrders stores into it; FailedOrders reads it
   * to tell a dead-lettered order that was stored after all).
   */
  ordersTableName: 'ORDERS_TABLE_NAME',
  /** Name of the table that holds rejected orders with their reasons. */
  rejectedOrdersTableName: 'REJECTED_ORDERS_TABLE_NAME',
} as const;

export type EnvironmentVariable = (typeof ENVIRONMENT)[keyof typeof ENVIRONMENT];

/** Thrown at cold start when the function was deployed without a variable it needs. */
export class MissingEnvironmentVariableError extends Error {
  constructor(public readonly variable: string) {
    super(`environment variable ${variable} is not set; the stack sets it on every function that needs it`);
    this.name = 'MissingEnvironmentVariableError';
  }
}

/** Reads a required environment variable, failing with a message that names it. */
export function requireEnvironment(
  variable: EnvironmentVariable,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const value = env[variable];
  if (value === undefined || value === '') throw new MissingEnvironmentVariableError(variable);
  return value;
}
