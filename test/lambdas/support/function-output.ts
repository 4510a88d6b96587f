/**
 * Captures what a function writes, as Powertools does in Lambda: INFO log lines and EMF documents
 * on stdout, WARN and ERROR lines on stderr. Start it in `beforeEach`; `jest.restoreAllMocks()`
 * in `afterEach` lets the streams go.
 *
 * @returns a function giving every JSON line written since the capture began, parsed
 */
export function captureFunctionOutput(): () => Record<string, unknown>[] {
  const chunks: string[] = [];
  for (const stream of [process.stdout, process.stderr]) {
    jest.spyOn(stream, 'write').mockImplementation((chunk) => {
      chunks.push(String(chunk));
      return true;
    });
  }
  return () =>
    chunks
      .flatMap((chunk) => chunk.split('\n'))
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line));
}
