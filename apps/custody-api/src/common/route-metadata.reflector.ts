import { Injectable, type Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

/**
 * Nest's Reflector, answering each (metadata key, handler or controller) from memory after the
 * first time. Route metadata is written by decorators when the classes are defined and never
 * changes afterwards, but the guards read it on every request: the public flag (TokenGuard and
 * throttler) and the throttler's six own keys (skip, limit, ttl, block duration, tracker, key
 * generator), each on the handler and then its controller: sixteen walks up the prototype chain in
 * reflect-metadata per request. One instance (a provider) serves both guards.
 */
@Injectable()
export class RouteMetadataReflector extends Reflector {
  private readonly known = new WeakMap<object, Map<unknown, unknown>>();

  // The base class's overloads type the answer by the caller's generic; the value is the same.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override get(metadataKeyOrDecorator: unknown, target: object): any {
    let answers = this.known.get(target);
    if (!answers) {
      answers = new Map();
      this.known.set(target, answers);
    }
    if (answers.has(metadataKeyOrDecorator)) return answers.get(metadataKeyOrDecorator);
    const value: unknown = super.get(metadataKeyOrDecorator, target as Type<unknown>);
    answers.set(metadataKeyOrDecorator, value);
    return value;
  }
}
