import { SEND_SETTINGS, validateSendSettings } from '../../../lambdas/generate-orders/send-settings';

describe('send settings', () => {
  test('the settings GenerateOrders runs with are usable', () => {
    expect(() => validateSendSettings(SEND_SETTINGS)).not.toThrow();
    expect(SEND_SETTINGS).toStrictEqual({
      maxConcurrentBatches: 10,
      maxAttempts: 5,
      baseBackoffMilliseconds: 100,
      maxBackoffMilliseconds: 2000,
      timeReserveMilliseconds: 5000,
    });
  });

  test('fails if any setting is out of range, naming each with the value given', () => {
    const settings = {
      maxConcurrentBatches: 0,
      maxAttempts: 1.5,
      baseBackoffMilliseconds: -1,
      maxBackoffMilliseconds: -2,
      timeReserveMilliseconds: Number.NaN,
    };

    expect(() => validateSendSettings(settings)).toThrow(
      new RangeError(
        'invalid send settings: maxConcurrentBatches must be an integer of at least 1 (given 0); ' +
          'maxAttempts must be an integer of at least 1 (given 1.5); ' +
          'baseBackoffMilliseconds must be at least 0 (given -1); ' +
          'timeReserveMilliseconds must be at least 0 (given NaN); ' +
          'maxBackoffMilliseconds must be at least baseBackoffMilliseconds (-1) (given -2)',
      ),
    );
  });
});
