import { loadavg } from 'node:os';
import type { Benchmark, BenchmarkResult, BenchmarkRow } from './benchmark';
import { startLocalAwsSqsProcess, startSqsEndpointProcess } from './sqs-endpoint-process';
import { MESSAGES, type WorkerMode, warmThroughput } from './sqs-throughput';

/** The two figures: 1 worker and 8. */
const WORKER_COUNTS = [1, 8] as const;

/** The SDK as an application uses it, and the lean client: the same loops, the same checks. */
const MODES: readonly WorkerMode[] = [
  { client: 'sdk', threads: false, label: 'SDK, default config, async loops' },
  { client: 'lean', threads: false, label: 'lean HTTP/1.1 JSON 1.0 client, async loops' },
];

/**
 * The SQS endpoint's throughput target is "10 times local-aws-sqs 2.0.2 on this machine". This runs
 * the same send 10 / receive 10 / delete 10 loops (`--only sqs`) against local-aws-sqs and against
 * our endpoint, each in a fresh process of its own and warmed up by one unmeasured run, one after
 * the other in the same run, with the same clients, and reports both and their ratio.
 */
export const sqsBaseline: Benchmark = {
  name: 'sqs-baseline',
  description: `local-aws-sqs 2.0.2 and the local SQS endpoint under the same loops over ${MESSAGES} messages, 1 and 8 workers`,
  async run(): Promise<BenchmarkResult> {
    const rows: BenchmarkRow[] = [];
    const figures: Record<string, unknown> = { messages: MESSAGES };
    for (const mode of MODES) {
      for (const workers of WORKER_COUNTS) {
        const perSecond: Record<'ours' | 'localAwsSqs', number> = { ours: 0, localAwsSqs: 0 };
        for (const endpointKind of ['localAwsSqs', 'ours'] as const) {
          const { child, endpoint } =
            endpointKind === 'ours' ? await startSqsEndpointProcess() : await startLocalAwsSqsProcess();
          try {
            const run = await warmThroughput(endpoint, workers, mode, child.pid);
            perSecond[endpointKind] = run.perSecond;
            rows.push({
              measure: `${endpointKind === 'ours' ? 'our endpoint' : 'local-aws-sqs 2.0.2'}, ${workers} worker${workers > 1 ? 's' : ''} (${mode.label})`,
              value: Math.round(run.perSecond),
              unit: 'msg/s',
              detail: `${MESSAGES} messages in ${run.seconds.toFixed(2)} s (every worker back after ${run.allBackSeconds.toFixed(2)} s), load ${loadavg()[0].toFixed(1)}`,
            });
          } finally {
            child.kill('SIGTERM');
          }
        }
        const ratio = perSecond.ours / perSecond.localAwsSqs;
        rows.push({
          measure: `ours ÷ local-aws-sqs, ${workers} worker${workers > 1 ? 's' : ''} (${mode.label}) (target ≥ 10)`,
          value: Number(ratio.toFixed(2)),
          unit: '×',
          detail: 'same loops, same client, same run',
        });
        figures[`${mode.client}Workers${workers}`] = { ...perSecond, ratio };
      }
    }
    return { rows, figures };
  },
};
