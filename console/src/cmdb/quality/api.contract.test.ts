import { describe, expect, it } from 'vitest';
import { keys, paths, propertiesOf } from '../../api/openapiSnapshot';
import type {
  AttributeCompleteness,
  CiVerification,
  MissingAttribute,
  ModelQuality,
  ModelQualityDetail,
  OwnerQuality,
  QualityIssue,
  QualityReport,
  QualityScore,
  QualityTrendPoint,
} from './api';

// The data-quality page's types (api.ts) against the server's OpenAPI snapshot.
const TYPES: [string, readonly string[]][] = [
  [
    'QualityScore',
    keys<QualityScore>()(['completeness', 'freshness', 'overall', 'cis', 'slots', 'filledSlots', 'freshCis']),
  ],
  ['ModelQuality', keys<ModelQuality>()(['model', 'name', 'freshnessDays', 'score'])],
  ['OwnerQuality', keys<OwnerQuality>()(['ownerTeamId', 'score'])],
  [
    'QualityReport',
    keys<QualityReport>()([
      'computedAt',
      'completenessWeight',
      'freshnessWeight',
      'defaultFreshnessDays',
      'overall',
      'models',
      'owners',
    ]),
  ],
  [
    'AttributeCompleteness',
    keys<AttributeCompleteness>()([
      'code',
      'name',
      'required',
      'recommended',
      'counted',
      'filled',
      'cis',
      'completeness',
    ]),
  ],
  [
    'ModelQualityDetail',
    keys<ModelQualityDetail>()(['model', 'name', 'freshnessDays', 'score', 'attributes']),
  ],
  ['MissingAttribute', keys<MissingAttribute>()(['code', 'name', 'required'])],
  [
    'QualityIssue',
    keys<QualityIssue>()([
      'ciId',
      'name',
      'model',
      'ownerTeamId',
      'state',
      'missing',
      'incomplete',
      'stale',
      'updatedAt',
      'verifiedAt',
      'lastSeenAt',
      'daysSinceSeen',
      'freshnessDays',
    ]),
  ],
  ['QualityTrendPoint', keys<QualityTrendPoint>()(['day', 'score'])],
  ['CiVerification', keys<CiVerification>()(['ciId', 'version', 'verifiedAt', 'verifiedBy'])],
];

const ENDPOINTS: [string, string][] = [
  ['get', '/api/v1/cmdb/quality'],
  ['get', '/api/v1/cmdb/quality/models/{code}'],
  ['get', '/api/v1/cmdb/quality/issues'],
  ['get', '/api/v1/cmdb/quality/trend'],
  ['post', '/api/v1/cmdb/cis/{id}/verify'],
];

describe('the data-quality page against the OpenAPI snapshot', () => {
  it.each(ENDPOINTS)('the server has %s %s', (method, path) => {
    expect(Object.keys(paths[path] ?? {}), path).toContain(method);
  });

  it.each(TYPES)('every property of %s is in the server schema', (schema, props) => {
    const actual = propertiesOf(schema);
    expect(actual.length, `schema ${schema} exists`).toBeGreaterThan(0);
    expect(props.filter((p) => !actual.includes(p))).toEqual([]);
  });
});
