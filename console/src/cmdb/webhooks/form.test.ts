import { describe, expect, it } from 'vitest';
import type { ModelSummary } from './api';
import { attributeOptions, EVENTS, fromWebhook, prettyJson, toBody } from './form';

describe('webhook form', () => {
  it('trims, drops empties and duplicates, and defaults to every event', () => {
    expect(
      toBody({
        name: '  ITSM ',
        url: ' https://itsm.example.com/hook ',
        models: ['host', 'host', ' db_instance '],
        attributes: ['', 'ip_address'],
      }),
    ).toEqual({
      name: 'ITSM',
      url: 'https://itsm.example.com/hook',
      models: ['host', 'db_instance'],
      attributes: ['ip_address'],
      events: [...EVENTS],
      enabled: true,
    });
    expect(toBody({ events: ['ci.retired'], enabled: false }).events).toEqual(['ci.retired']);
    expect(toBody({ enabled: false }).enabled).toBe(false);
  });

  it('round-trips a subscription', () => {
    const webhook = {
      id: '1',
      name: 'n',
      url: 'http://x',
      models: ['host'],
      attributes: [],
      events: ['ci.created'],
      enabled: false,
      scope: { everywhere: true, areas: [] },
      createdBy: 'a',
      createdAt: '',
      updatedAt: '',
    };
    expect(toBody(fromWebhook(webhook))).toEqual({
      name: 'n',
      url: 'http://x',
      models: ['host'],
      attributes: [],
      events: ['ci.created'],
      enabled: false,
    });
  });

  it('offers the attributes of the chosen models, or of all', () => {
    const models: ModelSummary[] = [
      {
        code: 'host',
        name: '主机',
        attributes: [
          { code: 'ip_address', name: 'IP 地址' },
          { code: 'vendor', name: '厂商' },
        ],
      },
      { code: 'db_instance', name: '数据库实例', attributes: [{ code: 'ip_address', name: '服务 IP' }] },
    ];
    expect(attributeOptions(models, ['db_instance'])).toEqual([
      { value: 'ip_address', label: 'ip_address (服务 IP)' },
    ]);
    expect(attributeOptions(models, []).map((o) => o.label)).toEqual([
      'ip_address (IP 地址 / 服务 IP)',
      'vendor (厂商)',
    ]);
  });

  it('pretty-prints JSON and leaves other text alone', () => {
    expect(prettyJson('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyJson('receiver says 500')).toBe('receiver says 500');
    expect(prettyJson(null)).toBe('');
  });
});
