/**
 * Every item of the main table, declared once: its partition and sort key, its index keys (gsi1, gsi2) and its
 * `type`. Adapters build and query items only through these declarations, and the read scopes of table.ts are
 * derived from them, so a key's shape lives in one line. The shapes are the stored ones: changing a line here
 * changes what existing items are found under.
 *
 * Each family has one owner (the adapter named beside it); another adapter that needs its items goes through that
 * adapter, not through these keys.
 */
export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A case's partition: the case, its history, pending uploads, department tasks and post-check. */
const casePartition = (id: string) => `CASE#${id}`;

/** Cases and what hangs off them (dynamo-case-store.ts). */
export const caseItems = {
  case: {
    type: 'Case',
    partition: casePartition,
    key: (id: string): ItemKey => ({ pk: casePartition(id), sk: 'CASE' }),
    /** gsi1: an owner's cases by creation time. */
    ownerList: (ownerKey: string) => `OWNER#${ownerKey}`,
    ownerSort: (createdAt: string, id: string) => `${createdAt}#${id}`,
    /** gsi2 while waiting for the window, by acceptance deadline. */
    acceptanceQueue: 'QUEUE#ACCEPTANCE',
    acceptanceSort: (acceptanceDue: string, submittedAt: string, id: string) => `${acceptanceDue}#${submittedAt}#${id}`,
  },
  /** The applicant's answers and materials beside the case's state, sorted after it (one Query reads the three). */
  form: {
    type: 'CaseForm',
    sk: 'CASE#FORM',
    key: (id: string): ItemKey => ({ pk: casePartition(id), sk: 'CASE#FORM' }),
  },
  materials: {
    type: 'CaseMaterials',
    sk: 'CASE#MATERIALS',
    key: (id: string): ItemKey => ({ pk: casePartition(id), sk: 'CASE#MATERIALS' }),
  },
  /** The case in its owner's list (gsi1 OWNER#…), written with the case: its state item is in no index of it. */
  owner: {
    type: 'CaseOwner',
    key: (id: string): ItemKey => ({ pk: casePartition(id), sk: 'OWNER' }),
  },
  /** The sort-key prefix of the three items of a case's record (state, form, materials). */
  recordPrefix: 'CASE',
  history: {
    type: 'CaseHistory',
    prefix: 'H#',
    key: (caseId: string, seq: number): ItemKey => ({ pk: casePartition(caseId), sk: `H#${pad(seq, 6)}` }),
  },
  upload: {
    type: 'PendingUpload',
    key: (caseId: string, uploadId: string): ItemKey => ({ pk: casePartition(caseId), sk: `UPLOAD#${uploadId}` }),
  },
  dayCase: {
    type: 'DayCase',
    partition: (yyyymmdd: string) => `CASES#${yyyymmdd}`,
    key: (yyyymmdd: string, createdAt: string, id: string): ItemKey => ({
      pk: `CASES#${yyyymmdd}`,
      sk: `${createdAt}#${id}`,
    }),
  },
  caseNumber: { type: 'CaseNumber', key: (number: string): ItemKey => ({ pk: `CASENO#${number}`, sk: 'CASENO' }) },
  pendingExtension: {
    type: 'PendingExtension',
    partition: 'EXTENSIONS#PENDING',
    key: (requestedAt: string, caseId: string): ItemKey => ({
      pk: 'EXTENSIONS#PENDING',
      sk: `${requestedAt}#${caseId}`,
    }),
  },
  agentCase: {
    type: 'AgentCase',
    partition: (sub: string) => `AGENT#${sub}`,
    key: (sub: string, createdAt: string, id: string): ItemKey => ({
      pk: `AGENT#${sub}`,
      sk: `CASE#${createdAt}#${id}`,
    }),
  },
  intakeCase: {
    type: 'IntakeCase',
    partition: (sub: string) => `INTAKE#${sub}`,
    key: (sub: string, createdAt: string, id: string): ItemKey => ({
      pk: `INTAKE#${sub}`,
      sk: `CASE#${createdAt}#${id}`,
    }),
  },
  numberCounter: {
    key: (regionCode: string, date: string, shard: number): ItemKey => ({
      pk: `COUNTER#CASE#${regionCode}#${date}`,
      sk: `SHARD#${shard}`,
    }),
  },
  idempotency: {
    type: 'Idempotency',
    key: (sub: string, key: string): ItemKey => ({ pk: `IDEMPOTENCY#${sub}#${key}`, sk: 'IDEMPOTENCY' }),
  },
  authorisation: {
    type: 'Authorisation',
    partition: (principalKey: string) => `AUTH#${principalKey}`,
    key: (principalKey: string, agentSub: string): ItemKey => ({ pk: `AUTH#${principalKey}`, sk: `AGENT#${agentSub}` }),
  },
  task: {
    type: 'DepartmentTask',
    prefix: 'TASK#',
    key: (t: { caseId: string; stageIndex: number; department: string }): ItemKey => ({
      pk: casePartition(t.caseId),
      sk: `TASK#${pad(t.stageIndex, 2)}#${t.department}`,
    }),
    /** gsi1: a department's to-do list per status, by due date. */
    departmentList: (department: string, status: string) => `DEPT#${department}#${status}`,
    departmentSort: (dueDate: string, id: string) => `${dueDate}#${id}`,
  },
  /**
   * A state-machine step that failed after its retries, one marker per step and case state. Still written by
   * shared/domain/workflow/step-failure.ts itself, until a port carries the write to the case store.
   */
  stepFailure: {
    type: 'StepFailure',
    key: (caseId: string, step: string, seq: number): ItemKey => ({
      pk: casePartition(caseId),
      sk: `FAILURE#${step}#${seq}`,
    }),
  },
  /** 告知承诺制 post-checks beside their case (dynamo-post-check-store.ts). */
  postCheck: {
    type: 'PostCheck',
    key: (caseId: string): ItemKey => ({ pk: casePartition(caseId), sk: 'POSTCHECK' }),
    departmentList: (department: string, status: string) => `POSTCHECK#${department}#${status}`,
    departmentSort: (dueDate: string, id: string) => `${dueDate}#${id}`,
  },
} as const;

/** Deadlines counted without a year's holiday notice (dynamo-provisional-deadlines.ts). */
export const provisionalItems = {
  type: 'ProvisionalDeadline',
  partition: (year: number) => `PROVISIONAL#${year}`,
  casePrefix: 'CASE#',
  complaintPrefix: 'COMPLAINT#',
  caseKey: (caseId: string, year: number): ItemKey => ({ pk: `PROVISIONAL#${year}`, sk: `CASE#${caseId}` }),
  complaintKey: (complaintId: string, year: number): ItemKey => ({
    pk: `PROVISIONAL#${year}`,
    sk: `COMPLAINT#${complaintId}`,
  }),
} as const;

/** Open shipments (dynamo-delivery-store.ts). */
export const shipmentItems = {
  type: 'OpenShipment',
  key: (caseId: string): ItemKey => ({ pk: `SHIPMENT#${caseId}`, sk: 'SHIPMENT' }),
  openList: (shard: number) => `SHIPMENTS#OPEN#${shard}`,
  openSort: (shippedAt: string, caseId: string) => `${shippedAt}#${caseId}`,
} as const;

/** The catalogue (dynamo-catalogue-store.ts). Entries are keyed by their kind: MATTER#<code>, BUNDLE#<code>. */
export const catalogueItems = {
  revision: { key: { pk: 'CATALOGUE', sk: 'REVISION' } as ItemKey },
  entry: {
    partition: (kind: string, code: string) => `${kind.toUpperCase()}#${code}`,
    headSk: 'HEAD',
    headType: 'CatalogueHead',
    versionPrefix: 'V#',
    versionSk: (version: number) => `V#${pad(version, 6)}`,
    versionType: 'CatalogueVersion',
    /** gsi1 lists: every entry's head, and the published version of each. */
    entriesList: (kind: string) => `CATALOGUE#${kind}#entries`,
    publishedList: (kind: string) => `CATALOGUE#${kind}#published`,
  },
  /** Departments, licence types and calendars: one item each, its sort key its `type`, listed on gsi1. */
  department: {
    type: 'DEPT',
    key: (code: string): ItemKey => ({ pk: `DEPT#${code}`, sk: 'DEPT' }),
    list: 'CATALOGUE#departments',
  },
  licenceType: {
    type: 'LICTYPE',
    key: (code: string): ItemKey => ({ pk: `LICTYPE#${code}`, sk: 'LICTYPE' }),
    list: 'CATALOGUE#licenceTypes',
  },
  calendar: {
    type: 'CALENDAR',
    key: (year: number | string): ItemKey => ({ pk: `CALENDAR#${year}`, sk: 'CALENDAR' }),
    list: 'CATALOGUE#calendars',
  },
  /** The prefix every gsi1 list of the catalogue starts with. */
  listPrefix: 'CATALOGUE#',
  audit: { type: 'Audit', partition: (entity: string) => `AUDIT#${entity}`, feed: 'AUDIT#catalogue' },
} as const;

/** An ISO instant in UTC to the millisecond (an event's may carry an offset, e.g. a payment provider's +08:00). */
const utc = (iso: string) => new Date(iso).toISOString();
/** The UTC hour of an ISO instant (`2026-12-07T03`): the outbox keeps its events by the hour they occurred in. */
const hourOf = (iso: string) => utc(iso).slice(0, 13);

/** The transactional outbox, the relay's receipts, the reconciler's cursor and index (outbox.ts, dynamo-reconcile-index.ts). */
export const outboxItems = {
  type: 'OutboxEvent',
  /** Every key under the outbox starts so (the relay's IAM scope). */
  prefix: 'OUTBOX#',
  hourOf,
  /** An hour's events on one shard, sorted by when they occurred: the reconciler reads them in time order. */
  partition: (hour: string, shard: number) => `OUTBOX#${hour}#${shard}`,
  key: (occurredAt: string, eventId: string, shard: number): ItemKey => ({
    pk: `OUTBOX#${hourOf(occurredAt)}#${shard}`,
    sk: `${utc(occurredAt)}#${eventId}`,
  }),
  /** The instant an outbox item's sort key holds, in UTC. */
  instantOf: (sk: string) => sk.slice(0, sk.indexOf('#')),
  /** An item written before the outbox was kept by the hour; the reconciler still drains those off its index. */
  legacyKey: (eventId: string): ItemKey => ({ pk: `OUTBOX#${eventId}`, sk: 'EVENT' }),
  /** What the relay put on the bus, one item per hour a batch touched, sorted by the newest event it names. */
  receipt: {
    type: 'OutboxReceipt',
    partition: (hour: string) => `OUTBOX#RELAYED#${hour}`,
    sort: (newestOccurredAt: string, firstEventId: string) => `${utc(newestOccurredAt)}#${firstEventId}`,
  },
  /** How far the reconciler has read the outbox. */
  cursor: { type: 'ReconcileCursor', key: { pk: 'OUTBOX#CURSOR', sk: 'CURSOR' } as ItemKey },
  reconcilePartition: (shard: number) => `RECONCILE#${shard}`,
  reconcileSort: (dueAt: string, eventId: string) => `${dueAt}#${eventId}`,
} as const;

/** Exactly-once markers of event consumers (event-ledger.ts). */
export const ledgerItems = {
  type: 'EventSeen',
  key: (consumer: string, eventId: string): ItemKey => ({ pk: `SEEN#${consumer}#${eventId}`, sk: 'SEEN' }),
} as const;

/** Halls and bookings (dynamo-appointment-store.ts). */
export const appointmentItems = {
  hall: {
    type: 'Hall',
    key: (id: string): ItemKey => ({ pk: `HALL#${id}`, sk: 'HALL' }),
    list: 'HALLS',
    listSort: (regionCode: string, id: string) => `${regionCode}#${id}`,
  },
  slotCounter: {
    type: 'SlotCounter',
    partition: (hallId: string, date: string) => `SLOTS#${hallId}#${date}`,
    key: (p: { hallId: string; date: string; start: string; windowId: string }): ItemKey => ({
      pk: `SLOTS#${p.hallId}#${p.date}`,
      sk: `${p.start}#${p.windowId}`,
    }),
  },
  appointment: {
    type: 'Appointment',
    key: (id: string): ItemKey => ({ pk: `APPOINTMENT#${id}`, sk: 'APPOINTMENT' }),
    applicantList: (sub: string) => `APPOINTMENTS#${sub}`,
    applicantSort: (date: string, start: string, id: string) => `${date}T${start}#${id}`,
    hallDay: (hallId: string, date: string) => `HALLDAY#${hallId}#${date}`,
    hallDaySort: (start: string, id: string) => `${start}#${id}`,
  },
  guard: {
    type: 'AppointmentGuard',
    key: (a: { applicantSub: string; date: string; matterCode: string }): ItemKey => ({
      pk: `APPTGUARD#${a.applicantSub}#${a.date}#${a.matterCode}`,
      sk: 'GUARD',
    }),
  },
  /** The check-in code's pointer; the code appears only as its SHA-256. */
  checkInCode: {
    type: 'CheckInCode',
    key: (hallId: string, codeSha256: string): ItemKey => ({ pk: `CHECKIN#${hallId}#${codeSha256}`, sk: 'CHECKIN' }),
  },
} as const;

/** Rectifications and complaints (dynamo-engagement-store.ts). */
export const engagementItems = {
  rectification: {
    type: 'Rectification',
    key: (id: string): ItemKey => ({ pk: `RECTIFICATION#${id}`, sk: 'RECTIFICATION' }),
    listPrefix: 'RECT',
  },
  complaint: {
    type: 'Complaint',
    key: (id: string): ItemKey => ({ pk: `COMPLAINT#${id}`, sk: 'COMPLAINT' }),
    listPrefix: 'COMPLAINTS',
  },
  /** gsi1 a department's list, gsi2 every department's; both by due date. */
  departmentList: (prefix: string, department: string, status: string) => `${prefix}#${department}#${status}`,
  statusList: (prefix: string, status: string) => `${prefix}#${status}`,
  dueSort: (dueDate: string, id: string) => `${dueDate}#${id}`,
} as const;

/** Webhook integration (dynamo-integration-store.ts). */
export const integrationItems = {
  config: {
    type: 'IntegrationConfig',
    key: (department: string): ItemKey => ({ pk: `INTEGRATION#${department}`, sk: 'CONFIG' }),
  },
  /** A webhook delivery; its stored names (DELIVERY#, `Delivery`) predate the other use of the word (results). */
  webhookDelivery: {
    type: 'Delivery',
    key: (id: string): ItemKey => ({ pk: `DELIVERY#${id}`, sk: 'DELIVERY' }),
    departmentList: (department: string, status: string) => `DEPT#${department}#DELIVERY#${status}`,
    departmentSort: (createdAt: string, id: string) => `${createdAt}#${id}`,
    retryQueue: 'RETRY#PENDING',
    retrySort: (nextAttemptAt: string, id: string) => `${nextAttemptAt}#${id}`,
  },
  callback: {
    type: 'Callback',
    key: (department: string, callbackId: string): ItemKey => ({
      pk: `CALLBACK#${department}#${callbackId}`,
      sk: 'CALLBACK',
    }),
  },
} as const;

/** The licence register and its status lists (dynamo-licence-store.ts). */
export const licenceItems = {
  licence: {
    type: 'Licence',
    key: (licenceNo: string): ItemKey => ({ pk: `LICENCE#${licenceNo}`, sk: 'LICENCE' }),
    holderList: (holderKey: string) => `HOLDER#${holderKey}`,
    holderSort: (issuedAt: string, licenceNo: string) => `${issuedAt}#${licenceNo}`,
    expiresOn: (date: string) => `EXPIRES#${date}`,
  },
  statusIndex: { type: 'StatusIndex', key: (index: number): ItemKey => ({ pk: `STATUSIDX#${index}`, sk: 'INDEX' }) },
  statusList: { type: 'StatusList', key: (purpose: string): ItemKey => ({ pk: `STATUSLIST#${purpose}`, sk: 'LIST' }) },
} as const;

/** Inboxes, contacts and sends (dynamo-message-store.ts). A recipient is a subject or DEPT#<code>. */
export const messageItems = {
  inbox: (recipient: string) => `INBOX#${recipient}`,
  message: {
    type: 'InboxMessage',
    prefix: 'MSG#',
    key: (recipient: string, id: string): ItemKey => ({ pk: `INBOX#${recipient}`, sk: `MSG#${id}` }),
  },
  /** gsi1 of unread messages. */
  unreadList: (recipient: string) => `INBOX#${recipient}#UNREAD`,
  /** The unread counter of earlier releases: no longer written or read (the unread index is counted instead). */
  unreadCounter: {
    type: 'InboxCounter',
    key: (recipient: string): ItemKey => ({ pk: `INBOX#${recipient}`, sk: 'UNREAD' }),
  },
  contact: { type: 'Contact', key: (sub: string): ItemKey => ({ pk: `CONTACT#${sub}`, sk: 'CONTACT' }) },
  departmentContact: {
    type: 'DepartmentContact',
    key: (code: string): ItemKey => ({ pk: `CONTACT#DEPT#${code}`, sk: 'CONTACT' }),
  },
  /** One event's SMS and e-mail to one recipient (earlier releases: one per channel, keyed by its message id). */
  delivery: {
    type: 'MessageDelivery',
    key: (deliveryId: string): ItemKey => ({ pk: `MESSAGE#${deliveryId}`, sk: 'DELIVERY' }),
  },
} as const;

/** 非税支付 (dynamo-payment-store.ts). */
export const paymentItems = {
  order: {
    type: 'PaymentOrder',
    key: (id: string): ItemKey => ({ pk: `PAYORDER#${id}`, sk: 'ORDER' }),
    caseSort: (createdAt: string, id: string) => `O#${createdAt}#${id}`,
  },
  providerOrder: {
    type: 'PaymentProviderOrder',
    key: (provider: string, providerOrderId: string): ItemKey => ({
      pk: `PAYPROVIDER#${provider}#${providerOrderId}`,
      sk: 'ORDER',
    }),
  },
  notification: {
    type: 'PaymentNotification',
    key: (provider: string, id: string): ItemKey => ({ pk: `PAYNOTIFY#${provider}#${id}`, sk: 'NOTIFICATION' }),
    caseSort: (receivedAt: string, id: string) => `N#${receivedAt}#${id}`,
  },
  /** gsi1: a case's orders and notifications. */
  caseList: (caseId: string) => `PAYMENTS#${caseId}`,
} as const;

/** Statistics counters (dynamo-stats-store.ts), sharded per day. */
/** One (day, shard) partition of counters (STAT) or members (STATEVENT). */
const statPartition = (prefix: string, day: string, shard: number) => `${prefix}#${day}#${shard}`;

export const statItems = {
  counter: {
    type: 'Stat',
    partitionPrefix: 'STAT',
    key: (
      day: string,
      shard: number,
      d: { matter: string; department: string; region: string; channel: string },
    ): ItemKey => ({
      pk: statPartition('STAT', day, shard),
      sk: `${d.matter}#${d.department}#${d.region}#${d.channel}`,
    }),
  },
  member: {
    type: 'StatEvent',
    partitionPrefix: 'STATEVENT',
    key: (day: string, shard: number, eventId: string): ItemKey => ({
      pk: statPartition('STATEVENT', day, shard),
      sk: eventId,
    }),
  },
  partition: statPartition,
} as const;

/** 电子监察 (dynamo-supervision-store.ts). */
const caseWatchPartition = (caseId: string) => `SUPERVISION#CASE#${caseId}`;
const efficiencyPartition = (department: string) => `SUPERVISION#EFFICIENCY#${department}`;

export const supervisionItems = {
  watch: {
    type: 'SupervisionWatch',
    /** The watches of a case share its partition, so a case's end closes them all. */
    casePartition: caseWatchPartition,
    prefix: 'WATCH#',
    caseWatchKey: (caseId: string, kind: string, subjectId: string): ItemKey => ({
      pk: caseWatchPartition(caseId),
      sk: `WATCH#${kind}#${subjectId}`,
    }),
    ownKey: (kind: string, subjectId: string): ItemKey => ({ pk: `SUPERVISION#${kind}#${subjectId}`, sk: 'WATCH' }),
    /** gsi1: open yellow and red watches per department; a region by sort-key prefix. */
    levelList: (level: 'yellow' | 'red', department: string) => `SUPERVISION#${level.toUpperCase()}#${department}`,
    levelSort: (regionCode: string, dueDate: string, id: string) => `${regionCode}#${dueDate}#${id}`,
    /** gsi2: open watches by due date. */
    dueOn: (date: string) => `WATCHDUE#${date}`,
  },
  sweep: { type: 'SupervisionSweep', key: { pk: 'SUPERVISION#SWEEP', sk: 'CURSOR' } as ItemKey },
  efficiency: {
    type: 'SupervisionEfficiency',
    partition: efficiencyPartition,
    /** The summed counters of a department's day and region, as earlier releases wrote them (still read). */
    key: (department: string, date: string, regionCode: string): ItemKey => ({
      pk: efficiencyPartition(department),
      sk: `${date}#${regionCode}`,
    }),
    /** One decision's counters, keyed by the event that decided it: put once, summed on read with the above. */
    decisionType: 'SupervisionDecision',
    decisionKey: (
      d: { department: string; date: string; regionCode: string; kind: string },
      eventId: string,
    ): ItemKey => ({
      pk: efficiencyPartition(d.department),
      sk: `${d.date}#${d.regionCode}#${d.kind}#${eventId}`,
    }),
  },
} as const;

/** The IAM LeadingKeys pattern (StringLike) of every partition a key function builds: its variable part as `*`. */
export const anyPartitionOf = (key: (id: string) => ItemKey | string): string => {
  const built = key('*');
  return typeof built === 'string' ? built : built.pk;
};
