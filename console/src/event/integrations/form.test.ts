import { describe, expect, it } from 'vitest';
import type { IntegrationView } from '../api';
import { formField, rejections, toDraft, toForm } from './form';

describe('the integration form', () => {
  it('writes a generic JSON mapping as settings, leaving empty fields out', () => {
    const draft = toDraft({
      name: ' webhook ',
      kind: 'generic-json',
      enabled: true,
      severityMapping: [
        { from: 'sev1', to: 'CRITICAL' },
        { from: '', to: 'INFO' },
      ],
      settings: {
        alertsPath: '$.events[*]',
        fingerprint: ' ',
        fingerprintFields: ['$.host', ' $.check ', ''],
        summary: '$.title',
        labelPaths: [
          { label: 'host', path: '$.host' },
          { label: '', path: '$.x' },
        ],
      },
    });
    expect(draft).toEqual({
      name: 'webhook',
      kind: 'generic-json',
      enabled: true,
      description: undefined,
      defaultSeverity: undefined,
      severityMapping: { sev1: 'CRITICAL' },
      settings: {
        alertsPath: '$.events[*]',
        fingerprintFields: ['$.host', '$.check'],
        summary: '$.title',
        labelPaths: { host: '$.host' },
      },
    });
  });

  it('reads an integration back into the form and keeps settings it does not edit', () => {
    const i = {
      id: 'x',
      name: 'zbx',
      kind: 'zabbix',
      enabled: false,
      severityMapping: { Disaster: 'CRITICAL' },
      settings: { timezone: 'Asia/Shanghai', other: 1 },
      createdAt: '',
      updatedAt: '',
    } as IntegrationView;
    const form = toForm(i);
    expect(form).toMatchObject({
      timezone: 'Asia/Shanghai',
      severityMapping: [{ from: 'Disaster', to: 'CRITICAL' }],
    });
    expect(toDraft({ ...form, timezone: 'UTC' }, i).settings).toEqual({ timezone: 'UTC', other: 1 });
  });

  it('places server field errors on the form fields', () => {
    expect(formField('settings.resolveTimeout')).toEqual(['resolveTimeout']);
    expect(formField('settings.fingerprint')).toEqual(['settings', 'fingerprint']);
    expect(formField('name')).toEqual(['name']);
  });

  it('lists rejection reasons, biggest first', () => {
    expect(
      rejections({ accepted: 9, 'rejected.json.malformed': 2, 'rejected.token.unknown': 5, 'rejected.x': 0 }),
    ).toEqual([
      { reason: 'token.unknown', count: 5 },
      { reason: 'json.malformed', count: 2 },
    ]);
  });
});
