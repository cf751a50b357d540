// Validates Hover's OpenAPI document (src/http/api/openapi.json, served at /api/openapi.json)
// with an independent validator from npm (@apidevtools/swagger-parser: the OpenAPI 3.1 schema
// plus reference resolution). web_test checks that it lists exactly the routes of the router.
// REQ: P3
import SwaggerParser from '@apidevtools/swagger-parser';

const file = process.argv[2];
try {
  const api = await SwaggerParser.validate(file);
  const operations = Object.values(api.paths).reduce((n, item) => n + Object.keys(item).length, 0);
  console.log(`${file}: valid OpenAPI ${api.openapi}, ${operations} operations`);
} catch (error) {
  console.error(`${file}: ${error.message}`);
  process.exit(1);
}
