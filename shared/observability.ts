/**
 * Names shared by the functions that emit logs and metrics and the constructs that alarm on them.
 * Powertools reads the service name and the metrics namespace from the environment
 * (POWERTOOLS_SERVICE_NAME, POWERTOOLS_METRICS_NAMESPACE), which the stack sets.
 */
export const OBSERVABILITY = {
  /** CloudWatch namespace of the pipeline's own metrics. */
  metricsNamespace: 'OrderPipeline',
  /** Count metric emitted (EMF) by FailedOrders once per dead-lettered message it records. */
  deadLetteredOrdersMetric: 'DeadLetteredOrders',
} as const;

/** The `service` of each function: its Powertools service name and its metrics dimension. */
export const SERVICE_NAMES = {
  generateOrders: 'generate-orders',
  processOrders: 'process-orders',
  failedOrders: 'failed-orders',
} as const;
