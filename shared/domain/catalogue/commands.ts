import { randomUUID } from 'node:crypto';
import type { Principal } from '../../auth/principal';
import { calendarLoadedEvent } from '../../contracts/calendar-events';
import { ConflictError, NotFoundError, RuleViolationError, ValidationError } from '../errors';
import type { YearCalendar } from '../calendar/working-days';
import { compressionOf, COMPRESSION_WARNING } from '../analytics/compression';
import {
  bundleContentSchema,
  type CatalogueVersion,
  type Department,
  draftSchemas,
  type EntryKind,
  type LicenceType,
  type MatterContent,
  matterContentSchema,
  TRANSITIONS,
  type VersionStatus,
} from './model';
import type { CatalogueDeps, CatalogueStore } from './ports';
import { publishProblems } from './publish';

/** What a publisher acknowledged when publishing a matter that breaks the compression rule (kept in the version). */
export interface CompressionAcknowledgement {
  readonly rule: typeof COMPRESSION_WARNING;
  readonly maxPromisedPercent: number;
  readonly legalLimitDays: number;
  readonly promisedLimitDays: number;
  readonly ratio: number | null;
  readonly by: string;
  readonly at: string;
}

export interface TransitionOptions {
  /** Publish despite the compression warning (only with `publish`, only when the rule is a warning). */
  readonly acknowledgeCompression?: boolean;
}

const entity = (kind: EntryKind, code: string) => `${kind}:${code}`;

function checkDraft(kind: EntryKind, content: unknown): Record<string, unknown> {
  const parsed = draftSchemas[kind].safeParse(content);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({
      path: ['content', ...i.path.map(String)].join('.'),
      rule: i.code,
      message: i.message,
    }));
    throw new ValidationError(`The draft has malformed elements: ${details.map((d) => d.path).join(', ')}`, details);
  }
  // Keep what the admin wrote (defaults are applied when the version is published and read).
  return content as Record<string, unknown>;
}

/** Starts a new draft: version 1 of a new entry, or the next version of an existing one (one open draft at a time). */
export async function createDraft(
  kind: EntryKind,
  code: string,
  content: unknown,
  actor: Principal,
  deps: CatalogueDeps,
): Promise<CatalogueVersion> {
  const checked = checkDraft(kind, content);
  const head = await deps.store.head(kind, code);
  const latest = head ? await deps.store.getVersion(kind, code, head.latestVersion) : undefined;
  if (latest && (latest.status === 'draft' || latest.status === 'in_review')) {
    throw new ConflictError(
      `${kind} ${code} already has an open version ${latest.version} (${latest.status}); edit or publish it first`,
    );
  }
  const at = deps.now().toISOString();
  const version: CatalogueVersion = {
    kind,
    code,
    version: (head?.latestVersion ?? 0) + 1,
    status: 'draft',
    content: checked,
    createdAt: at,
    createdBy: actor.sub,
    updatedAt: at,
  };
  await deps.store.createVersion(version, head?.latestVersion ?? 0, {
    entity: entity(kind, code),
    action: 'draft.create',
    actor: actor.sub,
    at,
    detail: { version: version.version },
  });
  return version;
}

async function loadVersion(
  kind: EntryKind,
  code: string,
  version: number,
  deps: CatalogueDeps,
): Promise<CatalogueVersion> {
  const found = await deps.store.getVersion(kind, code, version);
  if (!found) throw new NotFoundError(`${kind} ${code} has no version ${version}`);
  return found;
}

function requireStatus(v: CatalogueVersion, from: VersionStatus, action: string): void {
  if (v.status !== from) {
    const why =
      v.status === 'published' || v.status === 'retired'
        ? 'a published version never changes; start a new draft'
        : `it is ${v.status}`;
    throw new ConflictError(`Cannot ${action} ${v.kind} ${v.code} version ${v.version}: ${why}`);
  }
}

export async function updateDraft(
  kind: EntryKind,
  code: string,
  versionNo: number,
  content: unknown,
  actor: Principal,
  deps: CatalogueDeps,
): Promise<CatalogueVersion> {
  const current = await loadVersion(kind, code, versionNo, deps);
  requireStatus(current, 'draft', 'edit');
  const checked = checkDraft(kind, content);
  const at = deps.now().toISOString();
  const next = { ...current, content: checked, updatedAt: at };
  await deps.store.saveVersion(next, current.updatedAt, {
    entity: entity(kind, code),
    action: 'draft.update',
    actor: actor.sub,
    at,
    detail: { version: versionNo },
  });
  return next;
}

/** Moves a version through review and publication; publishing checks completeness and retires the previous version. */
export async function transition(
  kind: EntryKind,
  code: string,
  versionNo: number,
  action: keyof typeof TRANSITIONS,
  actor: Principal,
  deps: CatalogueDeps,
  note?: string,
  options: TransitionOptions = {},
): Promise<CatalogueVersion & { compressionAcknowledgement?: CompressionAcknowledgement }> {
  const { from, to } = TRANSITIONS[action]!;
  if (options.acknowledgeCompression && action !== 'publish') {
    throw new ValidationError('Only a publication acknowledges the compression warning', [
      {
        path: 'body.acknowledgeCompression',
        rule: 'publish-only',
        message: 'acknowledge the compression warning only when publishing',
        messageZh: '只有发布时才需确认压缩时限提示',
      },
    ]);
  }
  const current = await loadVersion(kind, code, versionNo, deps);
  requireStatus(current, from, action);
  const at = deps.now().toISOString();
  let retiring: CatalogueVersion | undefined;
  let content = current.content;
  let acknowledgement: CompressionAcknowledgement | undefined;
  if (action === 'publish') {
    const rule = deps.compressionRule;
    const problems = await publishProblems(kind, current.content, catalogueLookups(deps.store), {
      compression: rule,
      acknowledgeCompression: options.acknowledgeCompression,
    });
    if (problems.length > 0) {
      throw new RuleViolationError(
        `${kind} ${code} version ${versionNo} cannot be published: ${problems.length} problem(s)`,
        problems,
      );
    }
    // Store the version as it will be read: defaults applied, so it never changes afterwards.
    content = (kind === 'matter' ? matterContentSchema : bundleContentSchema).parse(current.content) as Record<
      string,
      unknown
    >;
    if (kind === 'matter' && rule && options.acknowledgeCompression) {
      const limits = content as unknown as MatterContent;
      const compression = compressionOf(limits.legalLimitDays, limits.promisedLimitDays, rule);
      // Only a warning that was actually overridden is recorded: the version then says who published it anyway.
      if (!compression.meetsRule) {
        acknowledgement = {
          rule: COMPRESSION_WARNING,
          maxPromisedPercent: rule.maxPromisedPercent,
          legalLimitDays: limits.legalLimitDays,
          promisedLimitDays: limits.promisedLimitDays,
          ratio: compression.ratio,
          by: actor.sub,
          at,
        };
      }
    }
    const head = await deps.store.head(kind, code);
    if (head?.publishedVersion !== undefined && head.publishedVersion !== versionNo) {
      const previous = await loadVersion(kind, code, head.publishedVersion, deps);
      retiring = { ...previous, status: 'retired', retiredAt: at, updatedAt: at };
    }
  }
  const next: CatalogueVersion & { compressionAcknowledgement?: CompressionAcknowledgement } = {
    ...current,
    content,
    status: to,
    updatedAt: at,
    ...(action === 'submit' ? { submittedAt: at } : {}),
    ...(action === 'publish' ? { publishedAt: at, publishedBy: actor.sub } : {}),
    ...(action === 'retire' ? { retiredAt: at } : {}),
    ...(note ? { reviewNote: note } : {}),
    ...(acknowledgement ? { compressionAcknowledgement: acknowledgement } : {}),
  };
  const detail = {
    version: versionNo,
    ...(note ? { note } : {}),
    ...(acknowledgement ? { compressionAcknowledged: acknowledgement } : {}),
  };
  await deps.store.saveVersion(
    next,
    current.updatedAt,
    { entity: entity(kind, code), action: `version.${action}`, actor: actor.sub, at, detail },
    retiring,
  );
  return next;
}

export function catalogueLookups(store: CatalogueStore) {
  // One check names a department or licence type many times (the matter's, each task's, each material's): each is
  // read once per check.
  const once = <T>(read: (code: string) => Promise<T>) => {
    const seen = new Map<string, Promise<T>>();
    return (code: string) => {
      let found = seen.get(code);
      if (!found) {
        found = read(code);
        seen.set(code, found);
      }
      return found;
    };
  };
  return {
    department: once((code) => store.getDepartment(code)),
    licenceType: once((code) => store.getLicenceType(code)),
    publishedMatter: once(async (code) => {
      const head = await store.head('matter', code);
      if (head?.publishedVersion === undefined) return undefined;
      return (await store.getVersion('matter', code, head.publishedVersion))?.content as MatterContent | undefined;
    }),
  };
}

export async function putDepartment(
  department: Department,
  actor: Principal,
  deps: CatalogueDeps,
): Promise<Department> {
  await deps.store.putDepartment(department, {
    entity: `department:${department.code}`,
    action: 'department.put',
    actor: actor.sub,
    at: deps.now().toISOString(),
  });
  return department;
}

export async function putLicenceType(
  licenceType: LicenceType,
  actor: Principal,
  deps: CatalogueDeps,
): Promise<LicenceType> {
  if (!(await deps.store.getDepartment(licenceType.issuingDepartment))) {
    throw new RuleViolationError(`Department ${licenceType.issuingDepartment} does not exist`, [
      {
        path: 'issuingDepartment',
        rule: 'exists',
        message: `department ${licenceType.issuingDepartment} does not exist`,
      },
    ]);
  }
  await deps.store.putLicenceType(licenceType, {
    entity: `licenceType:${licenceType.code}`,
    action: 'licenceType.put',
    actor: actor.sub,
    at: deps.now().toISOString(),
  });
  return licenceType;
}

export async function putCalendar(
  calendar: YearCalendar,
  actor: Principal,
  deps: CatalogueDeps,
): Promise<YearCalendar> {
  const at = deps.now().toISOString();
  const counts = { holidays: calendar.holidays.length, workdays: calendar.workdays.length };
  // The deadlines counted Monday to Friday in this year are re-dated by the event's consumer (calendar/redate.ts).
  const event = calendarLoadedEvent({ eventId: randomUUID(), occurredAt: at, year: calendar.year, ...counts });
  await deps.store.putCalendar(
    calendar,
    { entity: `calendar:${calendar.year}`, action: 'calendar.put', actor: actor.sub, at, detail: counts },
    event,
  );
  return calendar;
}
