import type { Role } from '@jejak/custody';

const WRITERS: Role[] = ['admin', 'officer', 'courier', 'depot'];
const EVERYONE: Role[] = ['admin', 'officer', 'courier', 'depot', 'auditor'];

/**
 * Which roles may call which route, written once as data and enforced by the one TokenGuard.
 * Object-level rules (own unit, own custody, own depot) are the domain's, applied on top.
 * A route missing from this table is refused to everyone: new routes must be added on purpose.
 */
export const ROUTE_PERMISSIONS: Readonly<Record<string, readonly Role[]>> = {
  'POST /api/tokens': ['admin'],
  'GET /api/tokens': ['admin'],
  'DELETE /api/tokens/:id': ['admin'],
  'GET /api/tokens/self': EVERYONE,
  'GET /api/locations': EVERYONE,
  'POST /api/locations': ['admin'],
  'GET /api/locations/:id': EVERYONE,
  'GET /api/locations/:id/inventory': EVERYONE,
  'PATCH /api/locations/:id': ['admin'],
  'GET /api/locations/:id/changes': ['admin', 'auditor'],
  'POST /api/items': ['admin', 'officer'],
  'GET /api/items': EVERYONE,
  'GET /api/items/:id': EVERYONE,
  'GET /api/items/:id/history': EVERYONE,
  'GET /api/items/:id/events/:eventId/signature.png': EVERYONE,
  'POST /api/items/:id/events': WRITERS,
  'GET /api/watch/in-transit': EVERYONE,
  'GET /api/watch/pending-handovers': EVERYONE,
  'GET /api/watch/overdue-loans': EVERYONE,
  'GET /api/watch/retention-ended': EVERYONE,
  'GET /api/watch/late-entries': EVERYONE,
  'GET /api/reports/disposal-list.pdf': ['depot', 'admin', 'auditor'],
  'POST /api/transfers': ['admin', 'officer', 'depot'],
  'GET /api/transfers': EVERYONE,
  'GET /api/transfers/:id': EVERYONE,
  'POST /api/transfers/:id/events': WRITERS,
  // Officers too: a transfer to a unit (not a depot) is taken in by an officer of that unit.
  'POST /api/transfers/:id/intake': ['depot', 'officer'],
  'GET /api/transfers/:id/report.pdf': EVERYONE,
  'POST /api/imports/daftar-arsip': ['admin', 'officer'],
  'GET /api/imports/daftar-arsip/template.csv': EVERYONE,
  'GET /api/imports/daftar-arsip/template.xlsx': EVERYONE,
  'GET /api/audit/items/:id/replay': ['auditor', 'admin'],
  'GET /api/audit/items/:id/export': ['auditor', 'admin'],
  'GET /api/audit/transfers/:id/replay': ['auditor', 'admin'],
  'GET /metrics': ['admin', 'auditor'],
  'GET /api/labels.pdf': ['admin', 'officer', 'depot'],
  'GET /api/items/:id/loan.pdf': EVERYONE,
  'GET /api/items/:id/receipt.pdf': EVERYONE,
  'POST /api/disposals': ['depot'],
  'GET /api/disposals/:id/report.pdf': ['depot', 'admin', 'auditor'],
  'GET /api/log/checkpoint': EVERYONE,
  'GET /api/log/checkpoints/:size': EVERYONE,
  'GET /api/log/key': EVERYONE,
  'GET /api/log/proofs/inclusion': ['auditor', 'admin'],
  'GET /api/log/proofs/consistency': ['auditor', 'admin'],
  'GET /api/audit/items/:id/bundle': ['auditor', 'admin'],
  'GET /api/audit/transfers/:id/bundle': ['auditor', 'admin'],
  // People, sign-in and sessions (POST /api/session itself is public: it takes the credentials).
  'GET /api/people': EVERYONE,
  'GET /api/people/:id': EVERYONE,
  'GET /api/people/:id/changes': ['admin', 'auditor'],
  // The person's own, or any for an admin (checked in the controller).
  'GET /api/people/:id/badge.pdf': EVERYONE,
  'POST /api/people': ['admin'],
  'PATCH /api/people/:id': ['admin'],
  'POST /api/people/:id/password': EVERYONE,
  'POST /api/people/:id/sign-in-code': ['admin'],
  'GET /api/session': EVERYONE,
  'DELETE /api/session': EVERYONE,
  'POST /api/release-codes': ['officer', 'depot'],
};

export const routeKey = (method: string, url: string): string => `${method.toUpperCase()} ${url}`;
