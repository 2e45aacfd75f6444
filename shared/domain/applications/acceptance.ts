import type { Principal } from '../../auth/principal';
import type { OutboxEvent } from '../events';
import {
  applicationAccepted,
  applicationCorrectionRequested,
  applicationRefused,
} from '../../contracts/application-events';
import { toShanghaiDate } from '../calendar/working-days';
import { ConflictError, ForbiddenError, RuleViolationError, ValidationError } from '../errors';
import { canSee, reachCase } from './access';
import type { Actor } from './case';
import { actorOf, apply, caseEvent as event, SYSTEM } from './changes';
import { loadCase } from './load';
import { missingMaterials, unknownCorrectionItems } from './materials';
import type { CaseRecord, CorrectionItem } from './model';
import type { ApplicationDeps } from './ports';
import { type ApplicationTemplate, templateOfCase } from './template';

/** 前台综合受理: acceptance at the window, automatic at submission, or deemed when its deadline passes. */

export function acceptance(
  template: ApplicationTemplate,
  actor: Actor,
  at: string,
  deemed: boolean,
  tolerated: string[],
) {
  const departments = [...template.departments];
  return {
    action: 'accepted' as const,
    actor,
    ...(deemed ? { reason: '受理期限届满，视为受理 (no decision within the acceptance limit)' } : {}),
    data: { deemed, tolerated },
    // 即办件: recorded on the case, so who may see it (a delegated window officer) is decided without the catalogue.
    patch: {
      acceptedAt: at,
      tolerated,
      departments,
      acceptanceDue: undefined,
      acceptanceDueProvisional: undefined,
      corrections: undefined,
      ...(template.matter?.flags.immediate ? { immediate: true } : {}),
    },
  };
}

export function acceptedEvent(
  record: CaseRecord,
  template: ApplicationTemplate,
  at: string,
  deemed: boolean,
  tolerated: string[],
  onTheSpot = false,
): OutboxEvent {
  return event(applicationAccepted, record, at, {
    acceptedAt: at,
    deemed,
    tolerated,
    ...(onTheSpot ? { onTheSpot } : {}),
    stages: template.matter?.procedure.stages.map((s) => ({ tasks: s.tasks })) ?? [],
    ...(template.bundle ? { waves: template.bundle.waves } : {}),
  });
}

/** 前台综合受理: the window accepts (possibly tolerating listed materials), refuses with a reason, or asks for corrections. */
export async function decideAcceptance(
  id: string,
  input: {
    decision: 'accept' | 'refuse' | 'correct';
    reason?: string;
    corrections?: CorrectionItem[];
    tolerated?: string[];
  },
  principal: Principal,
  deps: ApplicationDeps,
): Promise<CaseRecord> {
  const record = await reachCase(await loadCase(id, deps), principal, id, deps);
  if (principal.role !== 'window') throw new ForbiddenError('Acceptance is decided at the window');
  const template = await templateOfCase(deps.matters, record);
  const at = deps.now().toISOString();
  const actor = actorOf(principal);
  if (input.decision === 'refuse') {
    if (!input.reason?.trim())
      throw new ValidationError('Refusal needs a written reason (不予受理)', [
        { path: 'body.reason', rule: 'required', message: 'a written reason is required' },
      ]);
    return apply(record, [{ action: 'refused', actor, reason: input.reason }], deps, [
      event(applicationRefused, record, at, { reason: input.reason }),
    ]);
  }
  if (input.decision === 'correct') {
    const items = input.corrections ?? [];
    if (items.length === 0)
      throw new ValidationError('List every item to correct at once (一次性告知)', [
        { path: 'body.corrections', rule: 'required', message: 'at least one item' },
      ]);
    const unknown = unknownCorrectionItems(items, template);
    if (unknown.length > 0) {
      throw new ValidationError(
        `Some correction items name nothing in this ${template.kind}`,
        unknown.map((i) => ({
          path: 'body.corrections',
          rule: 'exists',
          message: `${i.target} ${i.code} does not exist`,
        })),
      );
    }
    return apply(
      record,
      [
        {
          action: 'correction-requested',
          actor,
          reason: input.reason,
          data: { items },
          patch: { corrections: items, acceptanceDue: undefined },
        },
      ],
      deps,
      [event(applicationCorrectionRequested, record, at, { items })],
    );
  }
  const tolerated = input.tolerated ?? [];
  const missing = missingMaterials(record, template);
  const notTolerable = tolerated.filter((code) => !missing.tolerable.some((m) => m.code === code));
  if (notTolerable.length > 0) {
    throw new RuleViolationError(
      '容缺 is only for missing materials the matter lists as tolerable',
      notTolerable.map((code) => ({
        path: 'body.tolerated',
        rule: 'tolerable',
        message: `${code} is not a missing tolerable material`,
      })),
    );
  }
  const stillMissing = missing.tolerable.filter((m) => !tolerated.includes(m.code));
  if (stillMissing.length > 0) {
    throw new RuleViolationError(
      'Materials are missing: tolerate them (容缺) or ask for corrections',
      stillMissing.map((m) => ({ path: `materials.${m.code}`, rule: 'required', message: `${m.name} is missing` })),
    );
  }
  return apply(record, [acceptance(template, actor, at, false, tolerated)], deps, [
    acceptedEvent(record, template, at, false, tolerated),
  ]);
}

/**
 * The window's queue, the most urgent acceptance deadline first: the officer's region or hall only (a page may come
 * out shorter; the cursor goes on).
 */
export async function acceptanceQueue(
  principal: Principal,
  query: { limit: number; cursor?: string },
  deps: Pick<ApplicationDeps, 'cases'>,
) {
  const page = await deps.cases.listAcceptanceQueue(query.limit, query.cursor);
  return { ...page, items: page.items.filter((c) => canSee(c, principal)) };
}

/** The sweep: cases whose acceptance deadline passed without a decision count as accepted (视为受理). */
export async function deemOverdueAcceptances(deps: ApplicationDeps): Promise<{ accepted: string[] }> {
  const today = toShanghaiDate(deps.now());
  const accepted: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.cases.listAcceptanceQueue(50, cursor, today);
    for (const record of page.items) {
      if (record.status !== 'SUBMITTED' || !record.acceptanceDue || record.acceptanceDue >= today) continue;
      const template = await templateOfCase(deps.matters, record);
      const at = deps.now().toISOString();
      const tolerated = missingMaterials(record, template).tolerable.map((m) => m.code);
      try {
        await apply(record, [acceptance(template, SYSTEM, at, true, tolerated)], deps, [
          acceptedEvent(record, template, at, true, tolerated),
        ]);
        accepted.push(record.id);
      } catch (error) {
        // Decided by a person in the meantime: nothing to deem.
        if (!(error instanceof ConflictError)) throw error;
      }
    }
    cursor = page.nextCursor;
  } while (cursor);
  return { accepted };
}
