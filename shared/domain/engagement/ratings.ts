import type { Principal } from '../../auth/principal';
import { ratingSubmitted, rectificationOpened } from '../../contracts/engagement-events';
import { reachCase, requireOwner } from '../applications/access';
import { CASE_ACTIONS } from '../applications/case';
import { actorOf, apply, type CaseChange, caseEvent, retryOnConflict, SYSTEM } from '../applications/changes';
import type { CaseRating, CaseRecord } from '../applications/model';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { dueAfterProvisionally, type Rectification } from './model';
import type { EngagementDeps } from './ports';
import { rectificationView } from './rectifications';

export interface RatingInput {
  readonly ability: number;
  readonly attitude: number;
  readonly effect: number;
  readonly comment?: string;
}

/** 差评: any of the three scores at 2 or less. */
export const isBad = (r: Pick<RatingInput, 'ability' | 'attitude' | 'effect'>) =>
  Math.min(r.ability, r.attitude, r.effect) <= 2;

export const rectificationIdOf = (caseId: string) => `${caseId}.R`;

/**
 * 好差评: the applicant (or their agent) rates a completed case, once. A bad rating opens a rectification for the
 * case's department in the same transaction as the rating, its history entries and both events.
 */
export async function rateCase(id: string, input: RatingInput, principal: Principal, deps: EngagementDeps) {
  return retryOnConflict(async () => {
    const record = requireOwner(await deps.cases.get(id), principal, id);
    if (principal.role === 'agent') await requireAgentAuthorisation(record, principal, deps);
    const completed: readonly string[] = CASE_ACTIONS.rated.from;
    if (!completed.includes(record.status))
      throw new ConflictError(
        `A case in status ${record.status} cannot be rated yet: only once it is completed (${completed.join(', ')})`,
      );
    if (record.rating) throw new ConflictError('This case has already been rated (once per case)');

    const now = deps.now();
    const at = now.toISOString();
    const bad = isBad(input);
    const comment = input.comment?.trim() || undefined;
    const due = bad ? await dueAfterProvisionally(deps, deps.rectificationDays) : undefined;
    const rectification: Rectification | undefined = bad
      ? {
          id: rectificationIdOf(record.id),
          caseId: record.id,
          caseNumber: record.number,
          matterCode: record.matterCode,
          regionCode: record.regionCode,
          department: record.department,
          status: 'open',
          scores: { ability: input.ability, attitude: input.attitude, effect: input.effect },
          ...(comment ? { comment } : {}),
          openedAt: at,
          dueDate: due!.dueDate,
          ...(due!.provisional ? { provisional: true } : {}),
        }
      : undefined;
    const rating: CaseRating = {
      ability: input.ability,
      attitude: input.attitude,
      effect: input.effect,
      ...(comment ? { comment } : {}),
      ratedAt: at,
      bad,
      ...(rectification ? { rectificationId: rectification.id } : {}),
    };
    // The comment stays on the case and the rectification: not in the history's data, not in events.
    const changes: CaseChange[] = [
      {
        action: 'rated',
        actor: actorOf(principal),
        data: {
          ability: input.ability,
          attitude: input.attitude,
          effect: input.effect,
          bad,
          hasComment: Boolean(comment),
        },
        patch: { rating },
      },
    ];
    const events = [
      caseEvent(ratingSubmitted, record, at, {
        ability: input.ability,
        attitude: input.attitude,
        effect: input.effect,
        bad,
        hasComment: Boolean(comment),
        caseStatus: record.status,
        ...(rectification ? { rectificationId: rectification.id } : {}),
      }),
    ];
    if (rectification) {
      changes.push({
        action: 'rectification-opened',
        actor: SYSTEM,
        data: {
          rectificationId: rectification.id,
          department: rectification.department,
          dueDate: rectification.dueDate,
        },
      });
      events.push(
        caseEvent(rectificationOpened, record, at, {
          rectificationId: rectification.id,
          responsibleDepartment: rectification.department,
          dueDate: rectification.dueDate,
        }),
      );
    }
    // A due date counted Monday to Friday in a year not loaded lists the case for re-dating (calendar/redate.ts).
    const marks = due?.provisional && deps.provisional ? deps.provisional.mark(record.id, due.years) : [];
    const after = await apply(
      record,
      changes,
      deps,
      events,
      rectification ? { items: [deps.engagement.rectificationPut(rectification, 'new'), ...marks] } : {},
    );
    return ratingView(after, rectification);
  });
}

/** The rating of a case and its rectification, for its owner and the staff who may see the case. */
export async function getRating(id: string, principal: Principal, deps: EngagementDeps) {
  const record = await reachCase(await deps.cases.get(id), principal, id, deps);
  if (!record.rating) throw new NotFoundError(`Case ${record.number} has not been rated`);
  const rectification = record.rating.rectificationId
    ? await deps.engagement.getRectification(record.rating.rectificationId)
    : undefined;
  return ratingView(record, rectification);
}

function ratingView(record: CaseRecord, rectification: Rectification | undefined) {
  const rating = record.rating!;
  return {
    caseId: record.id,
    caseNumber: record.number,
    rating: {
      ability: rating.ability,
      attitude: rating.attitude,
      effect: rating.effect,
      ...(rating.comment ? { comment: rating.comment } : {}),
      ratedAt: rating.ratedAt,
      bad: rating.bad,
    },
    ...(rectification ? { rectification: rectificationView(rectification) } : {}),
  };
}

/** An agent rates only while their authorisation for the applicant and the matter still holds. */
async function requireAgentAuthorisation(record: CaseRecord, agent: Principal, deps: EngagementDeps): Promise<void> {
  const found = await deps.cases.getAuthorisation(record.ownerKey, agent.sub);
  if (
    !found ||
    new Date(found.until) <= deps.now() ||
    !(found.matters.includes('*') || found.matters.includes(record.matterCode))
  ) {
    throw new ForbiddenError('No valid authorisation to act for this applicant on this matter');
  }
}
