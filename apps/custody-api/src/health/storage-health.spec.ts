import { Logger } from '@nestjs/common';
import { StorageHealth } from './storage-health';

describe('StorageHealth', () => {
  it('names the cause while full and logs once per change of state, not per report', () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const health = new StorageHealth('/data', () => new Date('2026-01-02T03:04:05.000Z'));
    expect(health.problem()).toBeNull();
    for (let i = 0; i < 5; i++) health.reportFull('event log');
    expect(health.problem()).toBe(
      'storage-full: the disk under /data is full; the event log cannot be written since 2026-01-02T03:04:05.000Z',
    );
    expect(error).toHaveBeenCalledTimes(1);
    health.reportWritten('read models');
    expect(health.problem()).not.toBeNull();
    for (let i = 0; i < 5; i++) health.reportWritten('event log');
    expect(health.problem()).toBeNull();
    expect(log).toHaveBeenCalledTimes(1);
    error.mockRestore();
    log.mockRestore();
  });
});
