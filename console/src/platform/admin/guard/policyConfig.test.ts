import { describe, expect, it } from 'vitest';
import type { GuardPolicy } from '../../../api/admin';
import { configToForm, emptyConfig, formToConfig, formToDraft, policyToForm, weekday } from './policyConfig';

describe('guard config form ↔ JSON', () => {
  it('reads a WINDOW config with server defaults and short weekday names', () => {
    const form = configToForm('WINDOW', {
      mode: 'ALLOW',
      timeZone: 'Asia/Shanghai',
      windows: [{ days: ['SAT', 'sunday'], start: '00:00', end: '06:00' }],
    });
    expect(form).toEqual({
      mode: 'ALLOW',
      timeZone: 'Asia/Shanghai',
      calendar: undefined,
      allowEmergency: true,
      minRisk: undefined,
      windows: [{ days: ['SATURDAY', 'SUNDAY'], start: '00:00', end: '06:00', dayType: 'ANY' }],
    });
  });

  it('writes a WINDOW config: trimmed, ANY day type and empty optionals left out', () => {
    expect(
      formToConfig('WINDOW', {
        mode: 'FORBID',
        windows: [
          { days: ['FRI', 'FRIDAY'], start: ' 22:00 ', end: '24:00', dayType: 'ANY' },
          { days: [], start: '09:00', end: '17:00', dayType: 'TRADING_DAY' },
        ],
        timeZone: '  ',
        calendar: 'CN-A',
        allowEmergency: false,
        minRisk: 'HIGH',
      }),
    ).toEqual({
      mode: 'FORBID',
      windows: [
        { days: ['FRIDAY'], start: '22:00', end: '24:00' },
        { days: [], start: '09:00', end: '17:00', dayType: 'TRADING_DAY' },
      ],
      calendar: 'CN-A',
      allowEmergency: false,
      minRisk: 'HIGH',
    });
  });

  it('round-trips MARKET_HOURS and leaves out a zero margin and empty sessions', () => {
    const config = { calendar: 'CN-A', sessions: ['call-auction'], marginMinutes: 15, minRisk: 'MEDIUM' };
    expect(formToConfig('MARKET_HOURS', configToForm('MARKET_HOURS', config))).toEqual(config);
    expect(formToConfig('MARKET_HOURS', { calendar: 'CN-A', sessions: [], marginMinutes: 0 })).toEqual({
      calendar: 'CN-A',
    });
    expect(configToForm('MARKET_HOURS', { calendar: 'CN-A' })).toMatchObject({
      sessions: [],
      marginMinutes: 0,
    });
  });

  it('writes SOURCE_ALLOWLIST networks without blanks or duplicates', () => {
    expect(
      formToConfig('SOURCE_ALLOWLIST', { cidrs: ['10.0.0.0/8', ' ', '10.0.0.0/8', 'fd00::/8'] }),
    ).toEqual({
      cidrs: ['10.0.0.0/8', 'fd00::/8'],
    });
  });

  it('keeps unknown keys of the same kind, drops them when the kind changes', () => {
    const previous = {
      kind: 'SOURCE_ALLOWLIST' as const,
      config: { cidrs: ['1.2.3.0/24'], audit: 'strict' },
    };
    expect(formToConfig('SOURCE_ALLOWLIST', { cidrs: ['1.2.3.0/24'] }, previous)).toEqual({
      audit: 'strict',
      cidrs: ['1.2.3.0/24'],
    });
    expect(formToConfig('MARKET_HOURS', { calendar: 'CN-A' }, previous)).toEqual({ calendar: 'CN-A' });
  });

  it('starts new policies with a usable form', () => {
    expect(formToConfig('WINDOW', emptyConfig('WINDOW'))).toEqual({
      mode: 'ALLOW',
      windows: [{ days: [], start: '00:00', end: '06:00' }],
      allowEmergency: true,
    });
    expect(formToConfig('SOURCE_ALLOWLIST', emptyConfig('SOURCE_ALLOWLIST'))).toEqual({ cidrs: [] });
  });

  it('turns a stored policy into a form and back into the same draft', () => {
    const policy: GuardPolicy = {
      id: 'p1',
      name: '周末变更窗口',
      kind: 'WINDOW',
      enabled: true,
      environments: ['prod'],
      operationKinds: ['delivery.*'],
      config: {
        mode: 'ALLOW',
        timeZone: 'Asia/Shanghai',
        windows: [{ days: ['SATURDAY'], start: '00:00', end: '06:00' }],
        allowEmergency: true,
      },
      description: null,
    };
    const { id: _id, ...draft } = policy;
    expect(formToDraft(policyToForm(policy), policy)).toEqual(draft);
  });

  it('normalises weekday names', () => {
    expect(weekday('mon')).toBe('MONDAY');
    expect(weekday('Sunday')).toBe('SUNDAY');
    expect(weekday('xyz')).toBe('XYZ');
  });
});
