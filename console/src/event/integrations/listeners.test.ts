import { describe, expect, it } from 'vitest';
import { endpointState, listenerState, rejectionsByReason } from './listeners';

describe('the listener status', () => {
  it('lists rejections by reason, most frequent first, without zeros', () => {
    expect(
      rejectionsByReason({
        'syslog.empty': 1,
        'syslog.missing-pri': 7,
        'syslog.too-large': 0,
        'syslog.binary': 1,
      }),
    ).toEqual([
      { reason: 'syslog.missing-pri', count: 7 },
      { reason: 'syslog.binary', count: 1 },
      { reason: 'syslog.empty', count: 1 },
    ]);
    expect(rejectionsByReason(undefined)).toEqual([]);
  });

  it('tells a failed bind from a stopped socket', () => {
    expect(endpointState({ transport: 'udp', address: '0.0.0.0:1514', running: true })).toBe('listening');
    expect(
      endpointState({
        transport: 'tcp',
        address: '0.0.0.0:1514',
        running: false,
        error: 'java.net.BindException: Address already in use',
      }),
    ).toBe('failed');
    expect(endpointState({ transport: 'udp', address: '0.0.0.0:1162', running: false })).toBe('stopped');
  });

  it('sums up a listener: disabled, failed, partly or fully listening', () => {
    const udp = { transport: 'udp', address: '127.0.0.1:1514', running: true };
    const tcpDown = { transport: 'tcp', address: '127.0.0.1:1514', running: false, error: 'BindException' };
    expect(listenerState({ protocol: 'syslog', enabled: false, endpoints: [] })).toBe('disabled');
    expect(listenerState({ protocol: 'syslog', enabled: true, endpoints: [tcpDown] })).toBe('failed');
    expect(listenerState({ protocol: 'syslog', enabled: true, endpoints: [] })).toBe('failed');
    expect(listenerState({ protocol: 'syslog', enabled: true, endpoints: [udp, tcpDown] })).toBe('partial');
    expect(listenerState({ protocol: 'syslog', enabled: true, endpoints: [udp] })).toBe('listening');
  });
});
