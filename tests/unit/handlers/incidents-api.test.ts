import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as incidentsApi } from '../../../functions/api-incidents/handler.js';
import type { Incident } from '../../../shared/domain/incident.js';
import { openApiDocument } from '../../../shared/http/openapi.js';
import { installContext } from '../../../shared/runtime/context.js';
import { httpEvent, lambdaContext, staffClaims } from '../../fixtures/events.js';
import { startTestTable, type TestTable } from '../../support/dynamo.js';
import { type TestContext, testContext } from './app-context.js';

/** `GET /incidents` with the history filters the console shares. */

let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterAll(async () => table.close());

let app: TestContext;
beforeEach(async () => {
  app = await testContext(table);
  installContext(app);
});

const comms = staffClaims('comms.cleo', ['comms']);

function incident(n: number, overrides: Partial<Incident> = {}): Incident {
  return {
    id: `inc_${String(n).padStart(26, '0')}`,
    category: 'weapons-call',
    status: 'Actual',
    severity: 'Severe',
    urgency: 'Immediate',
    certainty: 'Observed',
    areas: ['14'],
    citywide: false,
    languages: ['en'],
    facts: {},
    expiresAt: '2026-11-22T16:00:00.000Z',
    createdAt: `2026-11-22T0${n}:00:00.000Z`,
    createdBy: 'inspector.ada',
    state: 'OPEN',
    ...overrides,
  };
}

async function store(...incidents: Incident[]) {
  for (const item of incidents) {
    await app.incidents.create(item, { at: item.createdAt, actor: item.createdBy, from: null, to: 'OPEN' });
  }
}

async function list(query: Record<string, string>): Promise<APIGatewayProxyStructuredResultV2> {
  const event = httpEvent({ routeKey: 'GET /incidents', queryStringParameters: query, claims: comms });
  return incidentsApi(event, lambdaContext('api-incidents'));
}

const bodyOf = (response: APIGatewayProxyStructuredResultV2): any => JSON.parse(response.body ?? '');

describe('listing incidents with filters', () => {
  it('answers the incidents that match every filter, newest first', async () => {
    await store(
      incident(1, { areas: ['51'] }),
      incident(2, { areas: [], citywide: true }),
      incident(3, { areas: ['51'], status: 'Exercise' }),
      incident(4),
    );

    const response = await list({ division: '51', mode: 'live' });

    expect(response.statusCode).toBe(200);
    expect(bodyOf(response).incidents.map((i: Incident) => i.id)).toEqual([incident(2).id, incident(1).id]);
  });

  it('answers as before without filters', async () => {
    await store(incident(1), incident(2), incident(3));

    const response = await list({ limit: '2' });

    expect(bodyOf(response).incidents.map((i: Incident) => i.id)).toEqual([incident(3).id, incident(2).id]);
    expect(bodyOf(response).cursor).toEqual(expect.any(String));
  });

  it('refuses an unknown category with 422, naming the categories', async () => {
    const response = await list({ category: 'parade' });

    expect(response.statusCode).toBe(422);
    const categories = app.registry.categories.map((c) => c.id).join(', ');
    expect(bodyOf(response).issues).toEqual([
      { path: ['category'], message: `unknown category parade; the categories are ${categories}` },
    ]);
  });

  it('refuses an unknown division with 422, saying which id a division name meant', async () => {
    const response = await list({ division: '14 Division' });

    expect(response.statusCode).toBe(422);
    expect(bodyOf(response).issues).toEqual([
      { path: ['division'], message: expect.stringContaining('did you mean 14?') },
    ]);
  });

  it.each([
    ['state', 'ACTIVE'],
    ['mode', 'drill'],
  ])('refuses %s=%s with 422 at its path', async (name, value) => {
    const response = await list({ [name]: value });

    expect(response.statusCode).toBe(422);
    expect(bodyOf(response).issues.map((i: { path: string[] }) => i.path)).toEqual([[name]]);
  });
});

describe('the OpenAPI document', () => {
  it('lists the history filters as optional query parameters of GET /incidents', () => {
    const paths = openApiDocument().paths as Record<string, any>;
    const parameters = paths['/incidents'].get.parameters as { name: string; schema: any }[];

    expect(parameters.map((p) => p.name)).toEqual([
      'limit',
      'cursor',
      'state',
      'category',
      'division',
      'mode',
    ]);
    expect(parameters.find((p) => p.name === 'mode')?.schema.enum).toEqual(['live', 'exercise']);
    expect(parameters.find((p) => p.name === 'state')?.schema.enum).toEqual(['OPEN', 'CLOSED']);
  });
});
