import {
  fitScale,
  formatOffset,
  msAt,
  panScale,
  timeTicks,
  xOf,
  zoomScale,
} from '../../src/console/ui/time-scale';

const scale = { startMs: 1000, endMs: 2000, widthPx: 500 };

describe('time scale', () => {
  test('maps times to pixels and back', () => {
    expect(xOf(scale, 1500)).toBe(250);
    expect(msAt(scale, 100)).toBe(1200);
  });

  test('fitting adds a margin on each side', () => {
    expect(fitScale({ startMs: 0, endMs: 1000 }, 800, 0.1)).toStrictEqual({
      startMs: -100,
      endMs: 1100,
      widthPx: 800,
    });
  });

  test('zooming keeps the time under the pointer in place', () => {
    const zoomed = zoomScale(scale, 4, 100);

    expect(zoomed.endMs - zoomed.startMs).toBe(250);
    expect(msAt(zoomed, 100)).toBeCloseTo(1200);
  });

  test('zooming out stops at the limit, and panning stays inside it', () => {
    const limit = { startMs: 1000, endMs: 2000 };

    expect(zoomScale(scale, 0.1, 250, limit)).toStrictEqual(scale);
    expect(panScale(zoomScale(scale, 2, 0, limit), 10_000, limit)).toStrictEqual({
      startMs: 1500,
      endMs: 2000,
      widthPx: 500,
    });
    expect(panScale(scale, 50)).toStrictEqual({ startMs: 1100, endMs: 2100, widthPx: 500 });
  });

  test('zooming in stops at a millisecond across the width', () => {
    const zoomed = zoomScale(scale, 1e9, 0);

    expect(zoomed.endMs - zoomed.startMs).toBe(1);
  });

  test('ticks fall on round steps since the origin, at least the spacing apart', () => {
    const ticks = timeTicks({ startMs: 0, endMs: 10_000, widthPx: 1000 }, 0, 90);

    expect(ticks.map((tick) => tick.label)).toStrictEqual([
      '+0 s',
      '+1 s',
      '+2 s',
      '+3 s',
      '+4 s',
      '+5 s',
      '+6 s',
      '+7 s',
      '+8 s',
      '+9 s',
      '+10 s',
    ]);
    expect(ticks[1].x).toBe(100);
  });

  test('offsets read in ms, seconds or minutes as the step needs', () => {
    expect(formatOffset(350, 50)).toBe('+350 ms');
    expect(formatOffset(1250, 50)).toBe('+1.25 s');
    expect(formatOffset(125_000, 5000)).toBe('+2 min 5 s');
    expect(formatOffset(-200, 100)).toBe('−200 ms');
  });
});
