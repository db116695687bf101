import { describe, expect, it } from 'vitest';
import { keys, paths, propertiesOf } from '../../api/openapiSnapshot';
import type { CiNonconformity, CiVerification } from './api';

// The CI detail's non-conformity block and verify button against the server's OpenAPI snapshot.
const TYPES: [string, readonly string[]][] = [
  [
    'CiNonconformity',
    keys<CiNonconformity>()([
      'id',
      'ciId',
      'model',
      'modelVersion',
      'attribute',
      'code',
      'message',
      'flaggedAt',
    ]),
  ],
  ['CiVerification', keys<CiVerification>()(['ciId', 'version', 'verifiedAt', 'verifiedBy'])],
];

describe('the CI detail matches the server', () => {
  it.each(TYPES)('%s has only properties of the server schema', (schema, properties) => {
    const server = propertiesOf(schema);
    expect(server.length).toBeGreaterThan(0);
    expect(properties.filter((p) => !server.includes(p))).toEqual([]);
  });

  it.each([
    ['/api/v1/cmdb/cis/{id}/nonconformities', 'get'],
    ['/api/v1/cmdb/cis/{id}/verify', 'post'],
  ])('the server has %s (%s)', (path, method) => {
    expect(paths[path]?.[method]).toBeDefined();
  });
});
