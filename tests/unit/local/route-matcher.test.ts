import { describe, expect, it } from 'vitest';
import { routeMatcher } from '../../../infra/local/route-matcher.js';

const route = (method: string, path: string) => ({ method, path });

describe('the local route matcher', () => {
  it('prefers a literal segment over a path parameter over a greedy one, whatever the order given', () => {
    const match = routeMatcher([
      route('GET', '/{proxy+}'),
      route('GET', '/broadcasts/{id}'),
      route('GET', '/broadcasts/drafts'),
    ]);

    expect(match('GET', '/broadcasts/drafts')?.route.path).toBe('/broadcasts/drafts');
    expect(match('GET', '/broadcasts/b1')).toEqual({
      route: route('GET', '/broadcasts/{id}'),
      params: { id: 'b1' },
    });
    expect(match('GET', '/broadcasts/b1/audit')).toEqual({
      route: route('GET', '/{proxy+}'),
      params: { proxy: 'broadcasts/b1/audit' },
    });
  });

  it('hands back the route it was given, and the parameters percent-decoded', () => {
    const given = { method: 'GET', path: '/alerts/{id}', target: 'alerts' };

    expect(routeMatcher([given])('GET', '/alerts/flood%20warning')).toEqual({
      route: given,
      params: { id: 'flood warning' },
    });
  });

  it('matches nothing for another method, a missing or extra segment, an empty parameter or a bad escape', () => {
    const match = routeMatcher([route('GET', '/alerts/{id}')]);

    for (const [method, path] of [
      ['DELETE', '/alerts/a1'],
      ['GET', '/alerts'],
      ['GET', '/alerts/a1/more'],
      ['GET', '/alerts/'],
      ['GET', '/alerts/%E0%A4%A'],
    ] as const) {
      expect(match(method, path), `${method} ${path}`).toBeUndefined();
    }
  });

  it('refuses a route defined twice', () => {
    expect(() => routeMatcher([route('GET', '/alerts'), route('GET', '/alerts')])).toThrow(
      'Route GET /alerts is defined twice',
    );
  });
});
