import type { Principal } from '../../auth/principal';
import type { OutboxEvent } from '../events';
import { deliveryDelivered } from '../../contracts/delivery-events';
import type { CaseCommit } from '../applications/ports';
import { actorOf, caseEvent, commitTogether, prepare, retryOnConflict } from '../applications/changes';
import type { CaseRecord } from '../applications/model';
import { type MemberResult, memberResults } from './bundle';
import { idNumberProblem } from '../catalogue/identifiers';
import { toShanghaiDate } from '../calendar/working-days';
import { ConflictError, type ErrorDetail, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { canSeeDelivery, deliveryView } from './choice';
import type { CaseDelivery } from './model';
import type { DeliveryDeps } from './ports';
import { deliveredDetail } from './tracking';

/**
 * 窗口领取: the window officer hands the result over and confirms it; that moment is 送达 and the case is DELIVERED.
 * Only a result waiting at the window (READY_FOR_PICKUP) can be confirmed; anything else is 409.
 *
 * 一窗出件: on a bundle case (一件事), one call hands over every member result waiting at the window, each member
 * with its own history entry and Delivery.Delivered.v1, all in one transaction (a bundle's members always fit in
 * DynamoDB's 100 items). A member whose result is still to come makes it 409, naming the members, unless the officer
 * asks for `partial` handover; members without a result (rejected, not started, withdrawn) or sent by post are left
 * out and reported.
 */

export interface PickupInput {
  /** Who collected it, when not the applicant. */
  readonly receivedBy?: string;
  /** The ID number of who collected it (checked; kept on the case, shown masked, never in events or logs). */
  readonly receiverIdNumber?: string;
  /** A bundle: hand over the results that are ready even though others are still to come. */
  readonly partial?: boolean;
}

export interface PickupOutcome {
  readonly record: CaseRecord;
  /** A bundle case: each member's result. */
  readonly members?: readonly MemberResult[];
}

function checkReceiver(input: PickupInput, today: string): { receivedBy?: string; receiverIdNumber?: string } {
  const receivedBy = input.receivedBy?.trim() || undefined;
  const receiverIdNumber = input.receiverIdNumber?.trim().toUpperCase() || undefined;
  if (receiverIdNumber) {
    const problem = idNumberProblem(receiverIdNumber, today);
    // The message never quotes the number: it reaches the logs.
    if (problem) {
      throw new ValidationError('The receiver’s ID number is not valid', [
        {
          path: 'receiverIdNumber',
          rule: problem === 'checksum' ? 'checksum' : 'format',
          message: problem === 'checksum' ? 'the check digit is wrong' : `not an ID number (${problem})`,
          messageZh: problem === 'checksum' ? '身份证号码校验位不正确' : '身份证号码格式不正确',
        },
      ]);
    }
  }
  return { ...(receivedBy ? { receivedBy } : {}), ...(receiverIdNumber ? { receiverIdNumber } : {}) };
}

/** The handover of one case's result: its `delivered` entry and event (who received it stays on the case only). */
function handover(
  record: CaseRecord,
  receiver: { receivedBy?: string; receiverIdNumber?: string },
  principal: Principal,
  at: string,
  bundleCaseId?: string,
): CaseCommit {
  const delivery = record.delivery!;
  const after: CaseDelivery = {
    ...delivery,
    status: 'DELIVERED',
    deliveredAt: at,
    confirmedBy: principal.sub,
    ...receiver,
    ...(bundleCaseId ? { bundleCaseId } : {}),
  };
  const events: OutboxEvent[] = [caseEvent(deliveryDelivered, record, at, deliveredDetail(record, after, at))];
  return prepare(
    record,
    [
      {
        action: 'delivered',
        actor: actorOf(principal),
        data: { method: 'window', deliveredAt: at, ...(bundleCaseId ? { bundleCaseId } : {}) },
        patch: { delivery: after },
      },
    ],
    at,
    events,
  );
}

const describeMember = (r: MemberResult) =>
  `${r.member.matterCode}${r.record ? ` ${r.record.number}` : ''} (${r.record?.status ?? r.member.status})`;

export async function confirmPickup(
  caseId: string,
  input: PickupInput,
  principal: Principal,
  deps: DeliveryDeps,
): Promise<PickupOutcome> {
  if (principal.role !== 'window') throw new ForbiddenError('Only a window officer confirms a pickup');
  const receiver = checkReceiver(input, toShanghaiDate(deps.now()));
  return retryOnConflict(async () => {
    const record = await deps.cases.get(caseId);
    if (!record || !canSeeDelivery(record, principal)) throw new NotFoundError(`No case ${caseId}`);
    if (record.kind === 'bundle') return bundlePickup(record, input, receiver, principal, deps);
    const delivery = record.delivery;
    if (delivery?.status !== 'READY_FOR_PICKUP') {
      throw new ConflictError(
        `The result of case ${record.number} is not waiting at the window (${delivery?.status ?? 'not dispatched yet'})`,
      );
    }
    const change = handover(record, receiver, principal, deps.now().toISOString());
    await deps.cases.commit(change);
    return { record: change.after };
  });
}

async function bundlePickup(
  bundle: CaseRecord,
  input: PickupInput,
  receiver: { receivedBy?: string; receiverIdNumber?: string },
  principal: Principal,
  deps: DeliveryDeps,
): Promise<PickupOutcome> {
  const results = await memberResults(bundle, deps);
  const notReady = results.filter((r) => r.state === 'not-ready');
  const ready = results.filter((r) => r.state === 'ready');
  const detail = (r: MemberResult, rule: string, message: string): ErrorDetail => ({
    path: `members.${r.member.matterCode}`,
    rule,
    message,
  });
  if (notReady.length > 0 && !input.partial) {
    throw new ConflictError(
      `一窗出件: ${notReady.length} result(s) of bundle case ${bundle.number} are not ready yet: ${notReady.map(describeMember).join(', ')} (hand over the ${ready.length} ready with partial: true)`,
      notReady.map((r) => detail(r, 'ready', `not ready: ${describeMember(r)}`)),
    );
  }
  if (ready.length === 0) {
    throw new ConflictError(
      `No result of bundle case ${bundle.number} waits at the window: ${results.map((r) => `${r.member.matterCode} ${r.state}`).join(', ')}`,
      results.map((r) => detail(r, r.state, describeMember(r))),
    );
  }
  const at = deps.now().toISOString();
  const members = ready.map((r) => handover(r.record!, receiver, principal, at, bundle.id));
  const handedOver = ready.map((r) => r.member.matterCode);
  const onBundle = prepare(
    bundle,
    [
      {
        action: 'results-handed-over',
        actor: actorOf(principal),
        data: { members: handedOver, caseIds: ready.map((r) => r.record!.id), deliveredAt: at },
      },
    ],
    at,
  );
  // The members first: whatever the limit forces apart, the bundle's own entry comes with the last of them.
  await commitTogether([...members, onBundle], deps);
  const after = new Map(members.map((m) => [m.after.id, m.after]));
  return {
    record: onBundle.after,
    members: results.map((r) =>
      r.state === 'ready'
        ? { ...r, record: after.get(r.record!.id)!, state: 'delivered' as const, handedOver: true }
        : r,
    ),
  };
}

/** The window hands the result over; answers the delivery as the window sees it (a bundle with its members). */
export async function confirmPickupView(caseId: string, input: PickupInput, principal: Principal, deps: DeliveryDeps) {
  const { record, members } = await confirmPickup(caseId, input, principal, deps);
  return deliveryView(record, principal, members);
}
