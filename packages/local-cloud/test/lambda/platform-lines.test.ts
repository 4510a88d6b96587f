import {
  billedDurationMs,
  endLine,
  initErrorLine,
  initReportLine,
  reportLine,
  startLine,
  timeoutLine,
} from '../../src/lambda';

const REQUEST_ID = '3604209a-e9a3-11e6-939a-754dd98c7be3';

describe('platform lines', () => {
  test("a cold start's REPORT line has Lambda's fields, tab-separated, with Init Duration last", () => {
    const line = reportLine({
      requestId: REQUEST_ID,
      durationMs: 12.344,
      billedDurationMs: 163,
      memorySizeMb: 256,
      maxMemoryUsedMb: 80,
      initDurationMs: 150,
    });

    expect(line).toBe(
      `REPORT RequestId: ${REQUEST_ID}\tDuration: 12.34 ms\tBilled Duration: 163 ms\tMemory Size: 256 MB\tMax Memory Used: 80 MB\tInit Duration: 150.00 ms`,
    );
  });

  test("a warm invocation's REPORT line has no Init Duration, and a timed-out one says so", () => {
    const line = reportLine({
      requestId: REQUEST_ID,
      durationMs: 3000.5,
      billedDurationMs: 3001,
      memorySizeMb: 128,
      maxMemoryUsedMb: 20,
      status: 'timeout',
    });

    expect(line).toBe(
      `REPORT RequestId: ${REQUEST_ID}\tDuration: 3000.50 ms\tBilled Duration: 3001 ms\tMemory Size: 128 MB\tMax Memory Used: 20 MB\tStatus: timeout`,
    );
  });

  test('bills whole milliseconds, at least one, with the init phase on a cold start', () => {
    expect(billedDurationMs(0.2)).toBe(1);
    expect(billedDurationMs(12.01)).toBe(13);
    expect(billedDurationMs(12.01, 150.5)).toBe(163);
  });

  test('START, END and timeout lines read as Lambda writes them', () => {
    expect(startLine(REQUEST_ID)).toBe(`START RequestId: ${REQUEST_ID} Version: $LATEST`);
    expect(endLine(REQUEST_ID)).toBe(`END RequestId: ${REQUEST_ID}`);
    expect(timeoutLine('2026-11-25T20:00:00.000Z', REQUEST_ID, 3)).toBe(
      `2026-11-25T20:00:00.000Z ${REQUEST_ID} Task timed out after 3.00 seconds`,
    );
  });

  test('a failed init phase writes its error with no request id, then INIT_REPORT with the error type', () => {
    const error = {
      errorType: 'Runtime.ImportModuleError',
      errorMessage: "Error: Cannot find module 'index'",
      stack: [],
    };

    expect(initErrorLine('2026-11-25T20:00:00.000Z', error)).toBe(
      `2026-11-25T20:00:00.000Z\tundefined\tERROR\tUncaught Exception \t${JSON.stringify(error)}`,
    );
    expect(initReportLine(150.789, 'error', 'Runtime.ImportModuleError')).toBe(
      'INIT_REPORT Init Duration: 150.79 ms\tPhase: init\tStatus: error\tError Type: Runtime.ImportModuleError',
    );
    expect(initReportLine(10_000, 'timeout')).toBe(
      'INIT_REPORT Init Duration: 10000.00 ms\tPhase: init\tStatus: timeout',
    );
  });
});
