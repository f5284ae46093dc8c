/**
 * API Gateway HTTP API's route selection, locally: `{param}` and greedy `{proxy+}` segments, and
 * the most specific route wins whatever order the routes were given in.
 */

/** What a route is matched on; the rest of the route is handed back untouched. */
export interface RouteSpec {
  method: string;
  /** `/alerts/{id}`, `/{proxy+}`. */
  path: string;
}

export interface RouteMatch<R extends RouteSpec> {
  route: R;
  /** The path parameters, percent-decoded, as API Gateway passes them. */
  params: Record<string, string>;
}

/** Finds the route for a request, or `undefined` (a 404 on API Gateway). */
export type RouteMatcher<R extends RouteSpec> = (
  method: string,
  rawPath: string,
) => RouteMatch<R> | undefined;

type Segment = { kind: 'literal'; value: string } | { kind: 'param' | 'greedy'; name: string };

/** Throws when two routes have the same method and path, which API Gateway refuses too. */
export function routeMatcher<R extends RouteSpec>(specs: readonly R[]): RouteMatcher<R> {
  const routes = compile(specs);
  return (method, rawPath) => {
    const parts = rawPath.split('/').slice(1);
    for (const { spec, segments } of routes) {
      if (spec.method !== method) continue;
      const params = matchSegments(segments, parts);
      if (params) return { route: spec, params };
    }
    return undefined;
  };
}

function compile<R extends RouteSpec>(specs: readonly R[]): { spec: R; segments: Segment[] }[] {
  const seen = new Set<string>();
  const compiled = specs.map((spec) => {
    const key = `${spec.method} ${spec.path}`;
    if (seen.has(key)) throw new Error(`Route ${key} is defined twice`);
    seen.add(key);
    const segments = spec.path
      .split('/')
      .slice(1)
      .map((part): Segment => {
        const param = /^\{([^}+]+)(\+?)\}$/.exec(part);
        if (!param) return { kind: 'literal', value: part };
        return { kind: param[2] ? 'greedy' : 'param', name: param[1] as string };
      });
    return { spec, segments };
  });
  // API Gateway prefers the most specific route: literals over `{param}` over `{proxy+}`, left to right.
  const rank = { literal: 0, param: 1, greedy: 2 } as const;
  return compiled.sort((a, b) => {
    for (let i = 0; i < Math.min(a.segments.length, b.segments.length); i++) {
      const diff = rank[(a.segments[i] as Segment).kind] - rank[(b.segments[i] as Segment).kind];
      if (diff !== 0) return diff;
    }
    return b.segments.length - a.segments.length;
  });
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  try {
    for (const [i, segment] of segments.entries()) {
      const part = parts[i];
      if (part === undefined) return undefined;
      if (segment.kind === 'literal') {
        if (segment.value !== part) return undefined;
        continue;
      }
      if (part === '') return undefined;
      if (segment.kind === 'greedy') {
        params[segment.name] = decodeURIComponent(parts.slice(i).join('/'));
        return params;
      }
      params[segment.name] = decodeURIComponent(part);
    }
  } catch {
    return undefined; // a malformed percent-escape matches no route
  }
  return parts.length === segments.length ? params : undefined;
}
