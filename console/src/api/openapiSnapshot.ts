import spec from '../../openapi.json';

// Helpers for the contract tests that tie hand-written API types to the server's OpenAPI
// snapshot (openapi.json, itself checked against the server by OpenApiSnapshotTests).

/** Compiles only when `K` lists every key of `T`. */
type AllKeys<T, K extends readonly (keyof T)[]> = Exclude<keyof T, K[number]> extends never ? K : never;

/** `keys<T>()([...])`: a list of property names that must name every key of `T`. */
export const keys =
  <T>() =>
  <const K extends readonly (keyof T)[]>(k: AllKeys<T, K>) =>
    k;

type Schema = { properties?: Record<string, unknown> };

export const schemas = (spec as unknown as { components: { schemas: Record<string, Schema> } }).components
  .schemas;

export const paths = (spec as unknown as { paths: Record<string, Record<string, unknown>> }).paths;

/** The property names of a schema in the snapshot (empty when there is no such schema). */
export const propertiesOf = (schema: string): string[] => Object.keys(schemas[schema]?.properties ?? {});
