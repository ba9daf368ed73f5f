/**
 * What each operation of the OpenAPI document says to a client: a summary, a description, and the
 * answers it gives beyond those every secured route has (see openapi.ts). Keyed by
 * `METHOD /path` as the document writes it. A handler's own @ApiOperation wins; a route with
 * neither fails test/openapi-docs.e2e-spec.ts. Kept in step with docs/api.md.
 */
export interface OperationDoc {
  summary: string;
  description: string;
  /** Status → when, for the route's own answers (404, 409, 422, …). */
  problems?: Record<string, string>;
}

const NOT_FOUND_ITEM = { '404': 'not-found: no such item' };
const LAGGING = { '503': 'projection-lagging: the read model has not reached minPosition within 5 s' };
const ITEM_CONFLICTS = {
  '409':
    'invalid-transition (not allowed in the item’s status; detail names both), concurrency-conflict (expectedRevision given and the stream moved on) or out-of-order (occurredAt earlier than the item’s latest event)',
};
const TRANSFER_CONFLICTS = {
  '409':
    'invalid-transition (not allowed in the transfer’s or an item’s status, or an item already has an intake outcome), already-exists (the transfer id is taken, or another transfer has the BA number: `transferId` names it) or concurrency-conflict',
};
/** The other party's acknowledgement (domain.md "Two-party custody"), as collected and delivered refuse it. */
const ACKNOWLEDGEMENT_PROBLEMS = {
  '400':
    'validation-failed: a field is missing or malformed (collected and delivered without `acknowledgement`, a signature that is not a PNG data URL, a letter sorted or dispatched toward neither its addressee unit nor a sorting point: `destinationId`)',
  '403':
    'forbidden: not allowed for this token; or the acknowledgement does not count: a courier’s own `account`, a kode serah unknown for that place, expired at `occurredAt`, or already used by another courier (`detail` says which)',
  '413': 'payload-too-large: the body, or a drawn signature over 256 KB',
};
const UNKNOWN_PARTY = {
  '422':
    'unknown-party: a handover, custodian or signatory that is not an active person or unit of the directory; idempotency-key-reused',
};

export const OPERATION_DOCS: Record<string, OperationDoc> = {
  'GET /health/live': {
    summary: 'Liveness',
    description: 'Answers 200 while the process runs. No token.',
  },
  'GET /health/ready': {
    summary: 'Readiness',
    description:
      'Answers 200 only when the stores are reachable and the projections are running, else 503. No token.',
  },
  'GET /metrics': {
    summary: 'Prometheus metrics',
    description:
      'Command, HTTP, event store and projection metrics in the Prometheus text format (admin, auditor).',
  },
  'POST /api/tokens': {
    summary: 'Create a token',
    description:
      'Admin. Creates a bearer token for a person (`principalId`, generated when absent) with a role and, for officer and depot, a unit. The token is shown only in this answer.',
  },
  'GET /api/tokens': {
    summary: 'List tokens',
    description:
      'Admin. Every token with its holder, role, unit and whether it is revoked; never the token itself.',
  },
  'GET /api/tokens/self': {
    summary: 'Who this token is',
    description: 'Any token: its id, holder (principalId, name), role and unit.',
  },
  'DELETE /api/tokens/{id}': {
    summary: 'Revoke a token',
    description: 'Admin. Revokes the token at once: its next request is 401.',
    problems: { '404': 'not-found: no such token' },
  },
  'GET /api/locations': {
    summary: 'List units and places',
    description:
      'Every unit and place of the directory (dinas, kecamatan, desa/kelurahan, depot, sorting point) with `active` and the `kemendagriCode` of kecamatan and desa/kelurahan, filtered by `type`, `parentId`, `active` or `q` (name, id or code).',
  },
  'POST /api/locations': {
    summary: 'Add a unit or place',
    description: 'Admin. Adds a location to the directory (audited).',
    problems: { '409': 'already-exists: the id is taken' },
  },
  'GET /api/locations/{id}': {
    summary: 'One unit or place',
    description: 'A location of the directory.',
    problems: { '404': 'not-found: no such location' },
  },
  'PATCH /api/locations/{id}': {
    summary: 'Rename, move or deactivate a place',
    description:
      'Admin. `{ name?, parentId?, active? }`; audited. Places are never deleted: a deactivated one stays readable with `active: false`. A `parentId` that does not exist or lies under the place is 400.',
    problems: { '404': 'not-found: no such location' },
  },
  'GET /api/locations/{id}/changes': {
    summary: 'A place’s changes',
    description:
      'Admin, auditor. Who created, renamed, moved or deactivated the place, when and how (the directory’s audit trail).',
    problems: { '404': 'not-found: no such location' },
  },
  'GET /api/locations/{id}/inventory': {
    summary: 'What is at a place now',
    description:
      'The items whose current location is this place, from the read model (`minPosition` to read your writes).',
    problems: { '404': 'not-found: no such location', ...LAGGING },
  },
  'POST /api/items': {
    summary: 'Register a file or letter',
    description:
      'Officer (own unit) or admin. Opens the item’s stream with its `registered` event; `rahasia` and `sangat_rahasia` are refused. Idempotency-Key: a retry records nothing twice.',
    problems: {
      '409': 'already-exists: an item with this id is registered',
      '422': 'classified-not-accepted: rahasia or sangat_rahasia; idempotency-key-reused',
    },
  },
  'POST /api/items/{id}/events': {
    summary: 'Record a custody event',
    description:
      'Records one custody event on the item (collected, sorted, dispatched, the handovers, arrived, delivered, intake, relocated, lent, returned, loan_extended, reported missing, found, reappraised, disposed, transferred static, corrected, voided, …); the fields each type needs are listed below. `expectedRevision` pins the item’s revision. `occurredAt` may lie in the past but never before the item’s latest event (409 out-of-order) nor more than five minutes ahead; an event recorded more than an hour after it occurred is marked `late` in the trail. `corrected` takes `changes` (descriptive fields, null removes one) and/or `correctsEventId`, with `reason`; `voided` takes `reason`; `reappraised` takes `disposition`, `retention?`, `decisionNumber`, `reason`; `loan_extended` takes `dueAt`, `reason`. `handover_offered` names an active person or unit (else 422 unknown-party) and lapses after JEJAK_HANDOVER_TTL_HOURS (default 24; `expiresAt` is kept in the event); offered by the holder unit of an item at rest (registered, arrived, deposited) it is a release to a courier, and the courier’s `handover_accepted` is recorded as `collected` with acknowledgement method `account`. Two-party custody: `collected` is recorded only where the item is (another `locationId` is 409 invalid-transition) and needs `acknowledgement`: `{ method: "code", code }` (a kode serah from POST /api/release-codes issued for the item’s place) or `{ method: "signature", name, nip?, signature }` (a PNG data URL of at most 256 KB; the image is kept, the event carries `signatureHash`); a courier’s own `account` is 403. `delivered` is for a letter arrived at its addressee unit only (else 409) with that unit’s acknowledgement: an officer of it recording `{ method: "account" }`, or the courier with the unit’s kode serah or a signature; `receivedBy` defaults to the signer or who showed the code. The event records who gave (`fromCustodianId`) and the `acknowledgement` `{ method, byId, placeId, name?, nip?, signatureHash? }`. A letter is sorted or dispatched only toward its addressee unit or a sorting point, and dispatched onward from where it arrived. `handover_withdrawn` (`reason`) clears a pending offer, by its offerer or an admin. `found` names an active custodian: a courier names themself, an officer or depot clerk of the place names their unit or one of its people.',
    problems: { ...ACKNOWLEDGEMENT_PROBLEMS, ...NOT_FOUND_ITEM, ...ITEM_CONFLICTS, ...UNKNOWN_PARTY },
  },
  'GET /api/items': {
    summary: 'Search items',
    description:
      'Items by status, location, custodian, unit pengolah and free text `q` (title, short code, letter number), a page at a time (`limit`, `cursor`). `q` matches the title and letter number only of the items the asker may read (a `terbatas` item of another unit is never found by its words), and the start of any short code; a `terbatas` item the asker may not read is listed with `restricted: true` and without title, notes and letter fields. Voided items are left out unless `includeVoided=true` or `status=voided`.',
    problems: LAGGING,
  },
  'GET /api/items/{id}': {
    summary: 'Where is it now',
    description:
      'The item’s current status, place, custodian and since when, from the read model, with its `shortCode`. A `terbatas` item is shown whole only to officers of its origin unit (and addressee unit, for a letter), its holder now, depot staff of the depot holding or receiving it, auditors and admins; to everyone else with `restricted: true` and without title, notes, letterNumber and letterDate.',
    problems: { ...NOT_FOUND_ITEM, ...LAGGING },
  },
  'GET /api/items/{id}/history': {
    summary: 'Its trail',
    description:
      'Every custody event of the item, oldest first, with the actor of each. For a restricted item (see the where-is) the title, notes and letter fields are taken out of every event’s data and each event says `restricted: true`; the audit replay shows everything to auditors and admins.',
    problems: { ...NOT_FOUND_ITEM, ...LAGGING },
  },
  'GET /api/watch/in-transit': {
    summary: 'In transit too long',
    description: 'Items dispatched or collected longer ago than the limit and not yet arrived.',
  },
  'GET /api/watch/pending-handovers': {
    summary: 'Pending handovers',
    description:
      'Handovers offered and neither accepted, declined nor withdrawn, and not lapsed (each with its `pendingHandover.expiresAt`); `olderThanHours` keeps those offered longer ago.',
  },
  'GET /api/watch/overdue-loans': {
    summary: 'Overdue loans',
    description:
      'Lent files past their due date (`borrowerUnitId` narrows to one borrower unit), with `byBorrowerUnit`: the count and items per borrower unit, most first.',
  },
  'GET /api/watch/late-entries': {
    summary: 'Late entries',
    description:
      'Events recorded more than an hour after they occurred (backdated or offline scans), latest recorded first, each with its item and `lateByMinutes`; `since` keeps those recorded from then on.',
  },
  'GET /api/watch/retention-ended': {
    summary: 'Retention ended',
    description: 'Deposited files whose retention (JRA) has ended, with their disposition.',
  },
  'GET /api/reports/disposal-list.pdf': {
    summary: 'Disposal list (PDF)',
    description:
      'The daftar arsip usul musnah (or usul serah, dinilai kembali) of a depot, as PDF (depot, admin, auditor).',
    problems: { '404': 'not-found: depotId is not a depot', ...LAGGING },
  },
  'POST /api/disposals': {
    summary: 'Dispose of (or hand to the static archive) a batch under one berita acara',
    description:
      'Depot staff of the depot holding them. `kind` musnah records `disposed`, statis `transferred_static` on every item, under `baNumber`; all or nothing: every item is checked first (deposited here, disposition musnah or permanen, retention ended, not dinilai_kembali until reappraised) and one refusal refuses the batch, naming each refused item in `items`. The berita acara: GET /api/disposals/{baNumber}/report.pdf.',
    problems: {
      '403': 'forbidden: an item is not at this depot',
      '404': 'not-found: an item does not exist',
      '409':
        'already-exists: the BA number is used by another batch; invalid-transition: an item may not end so (its status, disposition or retention); out-of-order; concurrency-conflict',
    },
  },
  'POST /api/transfers': {
    summary: 'Create a transfer',
    description:
      'A consignment of items from a unit to a destination (e.g. the depot) under a berita acara number; each item must be in a state to leave.',
    problems: {
      '404': 'not-found: an item of the manifest or a location',
      ...TRANSFER_CONFLICTS,
      ...UNKNOWN_PARTY,
    },
  },
  'POST /api/transfers/{id}/events': {
    summary: 'Record a transfer event',
    description:
      'collected, dispatched, handover_offered (to an active person or unit), handover_accepted, handover_declined (its addressee, with `reason`), handover_withdrawn (its offerer or an admin, with `reason`), arrived, or cancelled (before dispatch, by the sending unit or an admin, with `reason`: the items are free for another transfer): recorded on the transfer and on every item of its manifest (cancelled: on the transfer only). `collected` needs the origin’s release as an item’s does, `acknowledgement: { method: "code", code } | { method: "signature", name, nip?, signature }`: one kode serah of the origin covers every item of the consignment. A partial consignment handover: `handover_offered` with `itemIds` (some of the items the courier carries; 400 validation-failed for one they do not carry) is recorded on those items only, and once accepted the consignment is split: each courier’s `dispatched` and `arrived` concern the part they carry (403 for a courier carrying none, 409 when their part already left or arrived); the view’s `carriers` says who carries which. Collecting a transfer while an item has its own offer pending (a release to a courier) is 409, naming it, until it is answered, withdrawn or lapses.',
    problems: {
      ...ACKNOWLEDGEMENT_PROBLEMS,
      '404': 'not-found: no such transfer',
      ...TRANSFER_CONFLICTS,
      ...UNKNOWN_PARTY,
    },
  },
  'POST /api/transfers/{id}/intake': {
    summary: 'Record the receiving side’s intake',
    description:
      'Depot staff of the receiving depot, or an officer of the receiving unit. The outcome of each item (received, damaged, missing, unexpected, rejected), in one or several sittings: each manifest item gets one outcome, and the transfer completes when every one has it. A split consignment is taken in part by part: an item whose courier has not arrived yet is 409 (naming the courier), as is one being handed over. `rejected` (with `note`, the reason) is recorded as intake_rejected on the item, which stays with its courier; `unexpected` for an item Jejak knows records intake_rejected in its own trail too.',
    problems: { '404': 'not-found: no such transfer', ...TRANSFER_CONFLICTS },
  },
  'GET /api/transfers': {
    summary: 'List transfers',
    description:
      'Transfers in creation order from the read models, filtered by `status`, `fromId`, `toId`, `courierId` (a courier who carried it), `baNumber` (case and spacing ignored) and `from`/`to` (creation time), paged by `limit` and `cursor`.',
    problems: { ...LAGGING },
  },
  'GET /api/transfers/{id}': {
    summary: 'One transfer',
    description:
      'The manifest, each item’s state and the intake so far (each sitting, and the items still awaiting an outcome).',
    problems: { '404': 'not-found: no such transfer', ...LAGGING },
  },
  'GET /api/transfers/{id}/report.pdf': {
    summary: 'Berita acara serah terima (PDF)',
    description: 'The berita acara of the transfer, with its list of items, as PDF.',
    problems: { '404': 'not-found: no such transfer', ...LAGGING },
  },
  'GET /api/audit/items/{id}/replay': {
    summary: 'Replay an item from the log',
    description:
      'Auditor, admin. The item’s state rebuilt from the event store (never the read models) as of a moment (`asOf`) or a revision (`atRevision`), with its hash chain checked.',
    problems: NOT_FOUND_ITEM,
  },
  'GET /api/audit/items/{id}/export': {
    summary: 'Export an item’s trail',
    description:
      'Auditor, admin. The item’s events from the log as JSON or CSV (`format=csv`), with the chain check.',
    problems: NOT_FOUND_ITEM,
  },
  'POST /api/imports/daftar-arsip': {
    summary: 'Import a daftar arsip (CSV or XLSX)',
    description:
      'Officer or admin. The file as the body (text/csv in UTF-8 or Windows-1252, `,` or `;`; or XLSX), with the headers of the ANRI daftar arsip forms. All or nothing: every bad cell is named by row and column. `dryRun=true` answers (200) what would be recorded and records nothing; the same list again is refused unless `allowDuplicate=true`; `transferBaNumber` + `transferToId` also create the transfer of the imported items.',
    problems: {
      '409':
        'already-exists: the same list was imported before (earlierImport names it), or an ID of the list is registered meanwhile',
      '415': 'unsupported-media-type: send text/csv or XLSX',
      '422': 'classified-not-accepted: a row is rahasia or sangat rahasia; idempotency-key-reused',
    },
  },
  'GET /api/imports/daftar-arsip/template.xlsx': {
    summary: 'Blank daftar arsip form (XLSX)',
    description:
      'The form with every column the import reads, drop-down lists, and a "Petunjuk" sheet naming the accepted headers.',
  },
  'GET /api/imports/daftar-arsip/template.csv': {
    summary: 'Blank daftar arsip form (CSV)',
    description: 'The header row of the form, `;`-separated, UTF-8 with a BOM (Excel opens it as UTF-8).',
  },
  'GET /api/people': {
    summary: 'Find people',
    description:
      'Any token (a courier must find a colleague to hand over to): people with id, name, jabatan, unit, role and whether active, by `unitId`, `role` or `q`.',
  },
  'POST /api/people': {
    summary: 'Add a person',
    description: 'Admin. Adds a person (id, name, jabatan, NIP, unit, role) to the directory (audited).',
    problems: { '409': 'already-exists: the id is taken by a person or a place' },
  },
  'GET /api/people/{id}': {
    summary: 'One person',
    description:
      'A person of the directory; an admin also sees whether they have a password and how many live sessions.',
    problems: { '404': 'not-found: no such person' },
  },
  'PATCH /api/people/{id}': {
    summary: 'Edit or deactivate a person',
    description:
      'Admin. Changes name, jabatan, unit or `active`; deactivating ends the person’s sessions, tokens and release codes at once.',
    problems: { '404': 'not-found: no such person' },
  },
  'GET /api/people/{id}/changes': {
    summary: 'A person’s changes',
    description:
      'Admin, auditor. Who changed the person’s record, when and how (the directory’s audit trail).',
    problems: { '404': 'not-found: no such person' },
  },
  'POST /api/people/{id}/password': {
    summary: 'Set a password',
    description: 'The person themselves, or an admin resetting it. Stored only as a slow salted hash.',
    problems: { '404': 'not-found: no such person' },
  },
  'POST /api/people/{id}/sign-in-code': {
    summary: 'Make a one-time sign-in code',
    description:
      'Admin. A one-time code (and its expiry) with which the person signs in once, e.g. a courier’s phone.',
    problems: { '404': 'not-found: no such person', '409': 'invalid-transition: the person is deactivated' },
  },
  'POST /api/session': {
    summary: 'Sign in',
    description:
      'No token: `{ personId, password }` or `{ signInCode }` → the person, a `csrfToken` and an HttpOnly SameSite=Strict session cookie. A wrong id or password is 401 with the same answer and timing either way; repeated failures are 429.',
  },
  'GET /api/session': {
    summary: 'Who is signed in',
    description: 'The person of the session cookie and its `csrfToken`.',
    problems: { '404': 'not-found: the request carries a bearer token, not a session' },
  },
  'DELETE /api/session': {
    summary: 'Sign out',
    description: 'Ends the session of the cookie.',
    problems: { '404': 'not-found: the request carries a bearer token, not a session' },
  },
  'POST /api/release-codes': {
    summary: 'Make a release code (kode serah)',
    description:
      'Officer or depot, for their own place: `{ placeId }` → 201 `{ code, placeId, expiresAt }`, the short code a courier types in (`acknowledgement: { method: "code", code }`) to show the holder released an item to them (collected) or the addressee unit received a letter (delivered). Valid JEJAK_RELEASE_CODE_TTL_MINUTES (default 10), judged at the event’s `occurredAt`, for that place only, and for the first courier who uses it, who may use it for everything handed over in that sitting.',
    problems: {
      '403': 'forbidden: the place is not the caller’s own',
      '404': 'not-found: no such place',
    },
  },
  'GET /api/items/{id}/events/{eventId}/signature.png': {
    summary: 'The drawn signature of an event',
    description:
      'The PNG kept for an event acknowledged by `signature` (collected, delivered); its SHA-256 is the event’s `acknowledgement.signatureHash`. Any token, as the item’s history.',
    problems: { '404': 'not-found: no such item or event, or the event has no drawn signature' },
  },
  'GET /api/items/{id}/receipt.pdf': {
    summary: 'Tanda terima of a delivered letter (PDF)',
    description: 'The receipt of a letter delivered to its addressee, as PDF.',
    problems: { '404': 'not-found: no such item' },
  },
  'GET /api/log/checkpoint': {
    summary: 'Latest signed checkpoint',
    description: 'The verifiable log’s latest signed checkpoint note, text/plain, byte-exact.',
  },
  'GET /api/log/checkpoints/{size}': {
    summary: 'Checkpoint of a size',
    description: 'The signed checkpoint of that log size, if one was signed at it.',
    problems: { '404': 'not-found: no checkpoint was signed at that size' },
  },
  'GET /api/log/key': {
    summary: 'The log’s verification key',
    description: '`{ vkey, origin }`: the key that checks the checkpoints’ signatures.',
  },
  'GET /api/log/proofs/inclusion': {
    summary: 'Inclusion proof',
    description: '`{ index, size, leafHash, proof }`: that the leaf at `index` is in the log of `size`.',
  },
  'GET /api/log/proofs/consistency': {
    summary: 'Consistency proof',
    description: '`{ from, to, proof }`: that the log of size `to` extends the log of size `from`.',
  },
  'GET /api/audit/transfers/{id}/replay': {
    summary: 'Replay a transfer from the log',
    description:
      'Auditor, admin. The transfer’s state rebuilt from its own stream in the event store (never the read models) as of a moment (`asOf`) or a revision (`atRevision`), its events, and its hash chain checked over the whole stored stream.',
    problems: { '404': 'not-found: no such transfer' },
  },
  'GET /api/audit/items/{id}/bundle': {
    summary: 'Audit bundle of an item',
    description:
      'Auditor, admin. The item’s events, their chain and the log proofs against a signed checkpoint, as a JSON download that `jejak verify-bundle` checks offline.',
    problems: { '404': 'not-found: no such item' },
  },
  'GET /api/audit/transfers/{id}/bundle': {
    summary: 'Audit bundle of a transfer',
    description: 'Auditor, admin. As the item bundle, for a transfer stream.',
    problems: { '404': 'not-found: no such transfer' },
  },
};
