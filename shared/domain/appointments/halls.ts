import { reachesRegion, regionPrefix } from '../access/scope';
import type { Principal } from '../../auth/principal';
import { CalendarNotLoadedError } from '../calendar/working-days';
import { appointmentPolicy } from '../catalogue/model';
import { type ErrorDetail, ForbiddenError, NotFoundError, RuleViolationError } from '../errors';
import type { Hall, HallBody } from './model';
import type { AppointmentDeps } from './ports';
import { hallBodySchema } from './model';
import { instantOf, isOpenOn, servingWindows, slotAvailability } from './slots';

/** Halls: the public list and slots, and the administrators' create/replace. */

/**
 * The code prefix that a region code covers: a province (xx0000) its cities and districts, a city (xxxx00) its
 * districts, a district itself. `?region=350100` therefore lists 福州市's halls and 鼓楼区's.
 */
export { regionPrefix } from '../access/scope';

export const withinRegion = (hallRegion: string, region: string) => hallRegion.startsWith(regionPrefix(region));

const rule = (path: string, name: string, message: string, messageZh?: string): ErrorDetail => ({
  path,
  rule: name,
  message,
  ...(messageZh ? { messageZh } : {}),
});

export async function requireHall(deps: Pick<AppointmentDeps, 'store'>, id: string, path = 'hallId'): Promise<Hall> {
  const hall = await deps.store.getHall(id);
  if (!hall) throw new NotFoundError(`No hall ${id}`, [rule(path, 'exists', `no hall ${id}`, '服务大厅不存在')]);
  return hall;
}

/** The windows of a hall that serve a matter; none is a refusal that names the field. */
export function requireServed(hall: Hall, matterCode: string, path = 'matterCode') {
  const windows = servingWindows(hall, matterCode);
  if (windows.length === 0)
    throw new RuleViolationError(`${hall.name} does not serve ${matterCode} by appointment`, [
      rule(path, 'served', `no window of ${hall.id} serves ${matterCode}`, '该大厅不受理此事项的预约'),
    ]);
  return windows;
}

/** A calendar question for a year nobody loaded: refused, naming the date (an operator must load the notice). */
export async function openOn(
  deps: Pick<AppointmentDeps, 'catalogue'>,
  hall: Hall,
  date: string,
  path = 'date',
): Promise<boolean> {
  try {
    return isOpenOn(hall, date, await deps.catalogue.workingDays());
  } catch (error) {
    if (!(error instanceof CalendarNotLoadedError)) throw error;
    throw new RuleViolationError(error.message, [rule(path, 'calendar', error.message, '该年度的节假日安排尚未录入')]);
  }
}

export async function listHalls(
  deps: Pick<AppointmentDeps, 'store'>,
  query: { region?: string; matter?: string },
): Promise<Hall[]> {
  const halls = await deps.store.listHalls(query.region ? regionPrefix(query.region) : undefined);
  return query.matter ? halls.filter((h) => servingWindows(h, query.matter!).length > 0) : halls;
}

/** A matter's slots at a hall on a date, with free places; none on a day the hall is closed. */
export async function hallSlots(
  deps: Pick<AppointmentDeps, 'store' | 'catalogue' | 'now'>,
  hallId: string,
  matterCode: string,
  date: string,
) {
  const hall = await requireHall(deps, hallId, 'params.id');
  requireServed(hall, matterCode, 'query.matter');
  const open = await openOn(deps, hall, date, 'query.date');
  const counters = open ? await deps.store.slotCounters(hall.id, date) : [];
  const calendar = { isWorkingDay: () => open };
  const now = deps.now().getTime();
  return {
    hallId: hall.id,
    matterCode,
    date,
    open,
    slotMinutes: hall.slotMinutes,
    slots: slotAvailability(hall, matterCode, date, calendar, counters).map((s) => {
      const startsAt = instantOf(date, s.start);
      return { ...s, startsAt: `${date}T${s.start}:00+08:00`, bookable: s.free > 0 && startsAt.getTime() > now };
    }),
  };
}

/**
 * PUT /admin/halls/{id}: create or replace a hall. The body's shape is checked by its schema; here every window's
 * matter codes are checked against the published catalogue, and a matter that takes no appointments is refused.
 */
export async function putHall(
  deps: Pick<AppointmentDeps, 'store' | 'catalogue' | 'now'>,
  id: string,
  body: HallBody,
  principal: Pick<Principal, 'sub'>,
): Promise<{ hall: Hall; created: boolean }> {
  const parsed = hallBodySchema.parse(body);
  // Each code is looked up once, however many windows serve it.
  const verdicts = new Map<string, Promise<{ rule: string; message: string; messageZh: string } | undefined>>();
  const verdict = (code: string) => {
    let found = verdicts.get(code);
    if (!found) {
      found = deps.catalogue.matter(code).then(
        (m) =>
          appointmentPolicy(m.content) === 'none'
            ? {
                rule: 'appointment',
                message: `${code} takes no appointments (its guide says so)`,
                messageZh: '该事项不提供预约',
              }
            : undefined,
        (error: unknown) => {
          if (error instanceof NotFoundError)
            return { rule: 'published', message: `${code} is not a published matter`, messageZh: '事项不存在或未发布' };
          throw error;
        },
      );
      verdicts.set(code, found);
    }
    return found;
  };
  const results = await Promise.all(
    parsed.windows.flatMap((w, i) =>
      w.matters.map(async (code, j) => {
        const problem = await verdict(code);
        return problem
          ? rule(`windows.${i}.matters.${j}`, problem.rule, problem.message, problem.messageZh)
          : undefined;
      }),
    ),
  );
  const problems = results.filter((p): p is ErrorDetail => p !== undefined);
  if (problems.length > 0)
    throw new RuleViolationError(`The hall has ${problems.length} problem(s) with its matters`, problems);
  const existed = (await deps.store.getHall(id)) !== undefined;
  const hall: Hall = { ...parsed, id, updatedAt: deps.now().toISOString(), updatedBy: principal.sub };
  await deps.store.putHall(hall, 'replace');
  return { hall, created: !existed };
}

/** Supervisors and windows see the halls of their region (a window with a hall claim: its hall); none without a claim. */
export function requireHallAccess(hall: Hall, principal: Principal): void {
  // A window officer with a hall claim reaches that hall; otherwise windows and supervisors reach their region's.
  const reaches =
    principal.role === 'window' && principal.hall
      ? principal.hall === hall.id
      : reachesRegion(principal, hall.regionCode);
  if ((principal.role === 'supervisor' || principal.role === 'window') && !reaches) {
    throw new ForbiddenError(`Hall ${hall.id} is outside your region ${principal.region}`);
  }
}
