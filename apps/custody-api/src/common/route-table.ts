/**
 * The methods served per path pattern, collected from Fastify's onRoute hook, so that a request
 * with the wrong method is answered 405 (with Allow) instead of a misleading 404.
 */
export class RouteTable {
  private readonly routes: { pattern: RegExp; method: string }[] = [];

  add(method: string | string[], url: string): void {
    const pattern = new RegExp(
      `^${url
        .split('/')
        .map((part) =>
          part.startsWith(':') ? '[^/]+' : part === '*' ? '.*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
        )
        .join('/')}/?$`,
    );
    for (const m of Array.isArray(method) ? method : [method])
      this.routes.push({ pattern, method: m.toUpperCase() });
  }

  /** The methods served at this concrete path (query string ignored); empty when none is. */
  methodsAt(url: string): string[] {
    const path = url.split('?')[0];
    return [...new Set(this.routes.filter((r) => r.pattern.test(path)).map((r) => r.method))].sort();
  }
}
