// Refreshes the committed OpenAPI snapshot from a running server:
//   TIANSHU_URL=http://localhost:8080 npm run api:refresh
// The API description is public (no login needed); the types in src/api/schema.d.ts are then
// regenerated from it by `npm run api:types`.
import { writeFile } from 'node:fs/promises';

const base = process.env.TIANSHU_URL ?? 'http://localhost:8080';
const response = await fetch(`${base}/v3/api-docs`);
if (!response.ok) {
  console.error(`GET ${base}/v3/api-docs answered ${response.status}; is the server running?`);
  process.exit(1);
}
const spec = await response.json();
await writeFile(new URL('../openapi.json', import.meta.url), JSON.stringify(spec, null, 2) + '\n');
console.log(`openapi.json refreshed from ${base} (${Object.keys(spec.paths ?? {}).length} paths)`);
