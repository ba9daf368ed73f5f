import type { FastifyInstance, FastifyReply } from 'fastify';

/** What a read-model route waits on and stamps with: the ReadModelGate of its server. */
export interface ProjectionGate {
  await(minPosition: string | undefined, reply: FastifyReply): Promise<void>;
}

const GATES = new WeakMap<FastifyInstance, ProjectionGate>();

/** Called once by the gate at start: routes of this server wait on it. */
export function registerProjectionGate(server: FastifyInstance, gate: ProjectionGate): void {
  GATES.set(server, gate);
}

const isReply = (value: unknown): value is FastifyReply =>
  typeof value === 'object' && value !== null && 'raw' in value && 'request' in value && 'server' in value;

/**
 * Read-your-writes on a read-model route: before the handler runs (after its query was validated),
 * wait until the read model has applied `?minPosition=` (503 projection-lagging after 5 s) and
 * stamp `X-Projection-Position` on the answer, refusals included. A plain method wrapper, not a
 * Nest interceptor: an intercepted route pays for deferred observables on every request. The
 * route takes the reply with `@Res({ passthrough: true })`.
 */
export function ReadsProjection(): MethodDecorator {
  return (_target, _key, descriptor) => {
    const handler = descriptor.value as unknown as (...args: unknown[]) => unknown;
    const wrapped = async function (this: unknown, ...args: unknown[]): Promise<unknown> {
      const reply = args.find(isReply);
      if (!reply) throw new Error('@ReadsProjection() needs the route to take @Res({ passthrough: true })');
      const gate = GATES.get(reply.server);
      if (!gate) throw new Error('no ReadModelGate registered for this server');
      const { minPosition } = (reply.request.query ?? {}) as { minPosition?: string };
      await gate.await(minPosition, reply);
      return handler.apply(this, args);
    };
    // Route, OpenAPI and guard metadata set by the decorators below this one stay on the route.
    for (const key of Reflect.getMetadataKeys(handler)) {
      Reflect.defineMetadata(key, Reflect.getMetadata(key, handler), wrapped);
    }
    Object.defineProperty(wrapped, 'name', { value: handler.name });
    descriptor.value = wrapped as unknown as typeof descriptor.value;
  };
}
