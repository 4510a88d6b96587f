/** One line of a benchmark's printed table. */
export interface BenchmarkRow {
  readonly measure: string;
  readonly value: number;
  readonly unit: string;
  readonly detail: string;
}

/** What a benchmark reports: rows for the table, figures for the JSON file. */
export interface BenchmarkResult {
  readonly rows: BenchmarkRow[];
  readonly figures: Record<string, unknown>;
}

/** A benchmark `npm run bench` can run; add one by listing it in `bench/run.ts`. */
export interface Benchmark {
  /** Short name, used by `npm run bench -- --only <name>`. */
  readonly name: string;
  readonly description: string;
  run(): Promise<BenchmarkResult>;
}
