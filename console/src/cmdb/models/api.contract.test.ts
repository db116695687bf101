import { describe, expect, it } from 'vitest';
import { keys, paths, propertiesOf } from '../../api/openapiSnapshot';
import type {
  AttributeDefinition,
  BundleImportResult,
  BundlePreview,
  CiImpact,
  CiModel,
  CiNonconformity,
  IdentificationRule,
  ItemPreview,
  ModelChange,
  ModelDiff,
  ModelDraft,
  ModelGroup,
  ModelPreview,
  ModelVersion,
  PreviewChange,
  RelationDefinition,
  RelationType,
} from './api';

// The model designer's hand-written types (api.ts) against the server's OpenAPI snapshot: every
// property the console reads or sends must exist in the server's schema, and every call's path.
const TYPES: [string, string, readonly string[]][] = [
  [
    'CiModel',
    'CiModel',
    keys<CiModel>()([
      'id',
      'code',
      'name',
      'nameEn',
      'group',
      'description',
      'ownerTeamId',
      'builtIn',
      'version',
      'attributes',
      'identificationRules',
      'relations',
      'updatedAt',
    ]),
  ],
  [
    'AttributeDefinition',
    'AttributeDefinition',
    keys<AttributeDefinition>()([
      'code',
      'name',
      'type',
      'required',
      'unique',
      'regex',
      'min',
      'max',
      'enumValues',
      'defaultValue',
      'helpText',
      'group',
      'recommended',
      'referenceModel',
      'itemType',
    ]),
  ],
  [
    'ModelDraft',
    'ModelBody',
    keys<ModelDraft>()([
      'code',
      'name',
      'nameEn',
      'group',
      'description',
      'ownerTeamId',
      'attributes',
      'identificationRules',
    ]),
  ],
  ['IdentificationRule', 'IdentificationRule', keys<IdentificationRule>()(['name', 'attributes'])],
  [
    'RelationDefinition',
    'RelationDefinition',
    keys<RelationDefinition>()([
      'id',
      'sourceModel',
      'targetModel',
      'type',
      'cardinality',
      'deleteBehaviour',
    ]),
  ],
  [
    'RelationType',
    'RelationType',
    keys<RelationType>()(['code', 'forwardLabel', 'reverseLabel', 'acyclic', 'builtIn']),
  ],
  ['ModelGroup', 'ModelGroup', keys<ModelGroup>()(['code', 'name', 'nameEn', 'sortOrder'])],
  ['ModelVersion', 'ModelVersion', keys<ModelVersion>()(['version', 'summary', 'actor', 'createdAt'])],
  ['ModelDiff', 'ModelDiff', keys<ModelDiff>()(['model', 'fromVersion', 'toVersion', 'changes'])],
  ['ModelChange', 'ModelChange', keys<ModelChange>()(['path', 'kind', 'from', 'to', 'text'])],
  [
    'PreviewChange',
    'PreviewChange',
    keys<PreviewChange>()(['path', 'kind', 'from', 'to', 'text', 'destructive', 'reason']),
  ],
  ['CiImpact', 'CiImpact', keys<CiImpact>()(['checked', 'migrated', 'flagged', 'flaggedByAttribute'])],
  [
    'ModelPreview',
    'ModelPreview',
    keys<ModelPreview>()(['code', 'action', 'currentVersion', 'changes', 'cis', 'destructive']),
  ],
  ['ItemPreview', 'ItemPreview', keys<ItemPreview>()(['code', 'action', 'changes', 'destructive'])],
  [
    'BundlePreview',
    'BundlePreview',
    keys<BundlePreview>()([
      'formatVersion',
      'modelGroups',
      'relationTypes',
      'models',
      'destructive',
      'destructiveChanges',
    ]),
  ],
  ['BundleImportResult', 'BundleImportResult', keys<BundleImportResult>()(['preview', 'versions'])],
  [
    'CiNonconformity',
    'CiNonconformity',
    keys<CiNonconformity>()([
      'id',
      'ciId',
      'ciName',
      'model',
      'modelVersion',
      'attribute',
      'code',
      'message',
      'flaggedAt',
    ]),
  ],
];

const PATHS: [string, string][] = [
  ['/api/v1/cmdb/model-groups', 'get'],
  ['/api/v1/cmdb/models', 'get'],
  ['/api/v1/cmdb/models/{code}', 'put'],
  ['/api/v1/cmdb/models/{code}/preview', 'post'],
  ['/api/v1/cmdb/models/{code}/versions', 'get'],
  ['/api/v1/cmdb/models/{code}/versions/{version}/diff', 'get'],
  ['/api/v1/cmdb/models/{code}/versions/{version}/restore-preview', 'get'],
  ['/api/v1/cmdb/models/{code}/versions/{version}/restore', 'post'],
  ['/api/v1/cmdb/models/{code}/nonconforming', 'get'],
  ['/api/v1/cmdb/relation-types', 'get'],
  ['/api/v1/cmdb/relation-definitions', 'post'],
  ['/api/v1/cmdb/relation-definitions/{id}', 'delete'],
  ['/api/v1/cmdb/bundle', 'get'],
  ['/api/v1/cmdb/bundle/preview', 'post'],
  ['/api/v1/cmdb/bundle/import', 'post'],
];

describe('the model designer matches the server', () => {
  it.each(TYPES)('%s has only properties of the server schema %s', (_, schema, properties) => {
    const server = propertiesOf(schema);
    expect(server.length).toBeGreaterThan(0);
    expect(properties.filter((p) => !server.includes(p))).toEqual([]);
  });

  it.each(PATHS)('the server has %s (%s)', (path, method) => {
    expect(paths[path]?.[method]).toBeDefined();
  });

  it('knows every attribute type the server knows', async () => {
    const { ATTRIBUTE_TYPES } = await import('./api');
    const schema = (await import('../../../openapi.json')).default as unknown as {
      components: { schemas: Record<string, { properties: Record<string, { enum?: string[] }> }> };
    };
    expect([...ATTRIBUTE_TYPES].sort()).toEqual(
      [...(schema.components.schemas.AttributeDefinition.properties.type.enum ?? [])].sort(),
    );
  });
});
