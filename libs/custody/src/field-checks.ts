import { ACKNOWLEDGEMENT_METHODS } from './acknowledgement';
import type { FieldError } from './refusal';
import type { LocationLookup, LocationType } from './location';
import { isIsoInstant } from './validate-occurred-at';

/**
 * Whether a text has a character a person can see: not only blanks, control or format characters
 * (zero-width spaces and joiners, byte order marks), which look empty wherever the text is shown.
 */
export const hasVisibleText = (value: string): boolean => /[^\s\p{C}]/u.test(value);

/** Collects field errors for one command; commands arrive from the edge, so nothing is trusted. */
export class FieldChecks {
  readonly errors: FieldError[] = [];

  constructor(private readonly locations: LocationLookup) {}

  fail(field: string, message: string): void {
    this.errors.push({ field, message });
  }

  text(field: string, value: unknown, optional = false): value is string {
    if (value === undefined && optional) return true;
    if (typeof value !== 'string' || !hasVisibleText(value)) {
      this.fail(field, 'is required and must be a non-empty string');
      return false;
    }
    return true;
  }

  oneOf(field: string, value: unknown, allowed: readonly string[], optional = false): void {
    if (value === undefined && optional) return;
    if (typeof value !== 'string' || !allowed.includes(value))
      this.fail(field, `must be one of ${allowed.join(', ')}`);
  }

  integer(field: string, value: unknown, min: number, max: number, optional = false): void {
    if (value === undefined && optional) return;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.fail(field, `must be an integer from ${min} to ${max}`);
    }
  }

  /**
   * A reference to the directory: must exist, and be of one of `types` when given. With `inUse`,
   * it must not be deactivated: nothing new is addressed, sent or lent to a place that closed
   * (what lies there still leaves it, so where an item already is stays unchecked).
   */
  location(
    field: string,
    value: unknown,
    options: { optional?: boolean; types?: readonly LocationType[]; inUse?: boolean } = {},
  ): void {
    if (value === undefined && options.optional) return;
    if (!this.text(field, value)) return;
    const location = this.locations(value);
    if (!location) return this.fail(field, `unknown location '${value}'`);
    if (options.types && !options.types.includes(location.type)) {
      this.fail(field, `'${value}' is a ${location.type}, expected ${options.types.join(' or ')}`);
    } else if (options.inUse && location.active === false) {
      this.fail(field, `'${value}' (${location.name}) is deactivated: choose a place in use`);
    }
  }

  instant(field: string, value: unknown): boolean {
    if (isIsoInstant(value)) return true;
    this.fail(field, 'must be an ISO 8601 date-time with a time zone');
    return false;
  }

  object(field: string, value: unknown, optional = false): value is Record<string, unknown> {
    if (value === undefined && optional) return false;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(field, 'is required and must be an object');
      return false;
    }
    return true;
  }

  storage(field: string, value: unknown, optional = false): void {
    if (!this.object(field, value, optional)) return;
    this.text(`${field}.room`, value.room);
    this.text(`${field}.shelf`, value.shelf, true);
    this.text(`${field}.box`, value.box, true);
  }

  /** How the other party acknowledged (domain.md "Two-party custody"): each method's own fields. */
  acknowledgement(field: string, value: unknown): void {
    if (!this.object(field, value)) return;
    this.oneOf(`${field}.method`, value.method, ACKNOWLEDGEMENT_METHODS);
    if (value.method === 'code') this.text(`${field}.code`, value.code);
    if (value.method === 'signature') {
      this.text(`${field}.name`, value.name);
      this.text(`${field}.nip`, value.nip, true);
      if (typeof value.signatureHash !== 'string' || !/^[0-9a-f]{64}$/.test(value.signatureHash)) {
        this.fail(`${field}.signature`, 'is required: the drawn signature as a PNG data URL');
      }
    }
  }
}
