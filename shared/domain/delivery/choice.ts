import type { Principal } from '../../auth/principal';
import { deliveryChosen } from '../../contracts/delivery-events';
import { canSee, reachCase, reachCaseAsOwner, withinRegion } from '../applications/access';
import { checkTransition } from '../applications/case';
import { actorOf, apply, caseEvent, retryOnConflict } from '../applications/changes';
import type { CaseRecord } from '../applications/model';
import { ConflictError, type ErrorDetail, NotFoundError, RuleViolationError, ValidationError } from '../errors';
import { maskIdNumber } from '../applications/view';
import { type MemberResult, memberResults } from './bundle';
import { type CaseDelivery, dispatched, type PostalAddress } from './model';
import type { DeliveryDeps } from './ports';

/**
 * The applicant's choice: window pickup, or post to an address. It may be made from the draft on and changed
 * until the result is dispatched; once issued (or, for a matter without a licence, dispatched) it is final (409).
 */

/** 省级行政区划代码 (GB/T 2260): the first two digits of every valid region code. */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

const MOBILE = /^1[3-9]\d{9}$/;
const POSTCODE = /^\d{6}$/;

const detail = (field: keyof PostalAddress, rule: string, message: string, messageZh: string): ErrorDetail => ({
  path: `address.${field}`,
  rule,
  message,
  messageZh,
});

/** A region code of a district (区县): six digits, a known province, a city and a county part that are not 00. */
export function isDistrictCode(code: string): boolean {
  return (
    /^\d{6}$/.test(code) &&
    PROVINCE_CODES.has(code.slice(0, 2)) &&
    code.slice(2, 4) !== '00' &&
    code.slice(4, 6) !== '00'
  );
}

/** The address trimmed, and every rule it breaks (all at once, so the applicant corrects them in one go). */
export function checkAddress(input: PostalAddress): { address: PostalAddress; problems: ErrorDetail[] } {
  const address: PostalAddress = {
    recipient: input.recipient.trim(),
    phone: input.phone.trim(),
    regionCode: input.regionCode.trim(),
    street: input.street.trim(),
    postcode: input.postcode.trim(),
  };
  const problems: ErrorDetail[] = [];
  const length = [...address.recipient].length;
  if (length < 1 || length > 50)
    problems.push(
      detail('recipient', 'length', 'the recipient’s name: 1 to 50 characters', '收件人姓名应为1至50个字符'),
    );
  if (!MOBILE.test(address.phone))
    problems.push(
      detail('phone', 'mobile', 'a mainland mobile number: 11 digits starting 13 to 19', '请填写11位大陆手机号码'),
    );
  if (!isDistrictCode(address.regionCode)) {
    problems.push(
      detail(
        'regionCode',
        'district',
        'the 6-digit code of a district (区县) of a known province, e.g. 350102',
        '请填写有效的区县行政区划代码（6位）',
      ),
    );
  }
  const street = [...address.street].length;
  if (street < 5 || street > 200)
    problems.push(detail('street', 'length', 'the street address: 5 to 200 characters', '详细地址应为5至200个字符'));
  if (!POSTCODE.test(address.postcode))
    problems.push(detail('postcode', 'postcode', 'a 6-digit postcode', '邮政编码应为6位数字'));
  return { address, problems };
}

export type DeliveryChoice =
  | { readonly method: 'window' }
  | { readonly method: 'post'; readonly address: PostalAddress };

const sameChoice = (current: CaseDelivery | undefined, method: string, address: PostalAddress | undefined) =>
  current !== undefined &&
  current.method === method &&
  JSON.stringify(current.address ?? null) === JSON.stringify(address ?? null);

/** Choose or change the delivery of a case's result (the owner: applicant or agent). */
export async function chooseDelivery(
  caseId: string,
  choice: DeliveryChoice,
  principal: Principal,
  deps: DeliveryDeps,
): Promise<CaseRecord> {
  let address: PostalAddress | undefined;
  if (choice.method === 'post') {
    if (!deps.courier.available) {
      throw new RuleViolationError('Delivery by post is not offered here; choose window pickup', [
        { path: 'method', rule: 'available', message: 'no courier is configured', messageZh: '暂不提供邮寄送达' },
      ]);
    }
    const checked = checkAddress(choice.address);
    if (checked.problems.length > 0)
      throw new ValidationError(
        `The address is not valid: ${checked.problems.map((p) => p.path).join(', ')}`,
        checked.problems,
      );
    address = checked.address;
  }
  return retryOnConflict(async () => {
    const record = await reachCaseAsOwner(await deps.cases.get(caseId), principal, caseId, deps);
    if (record.kind === 'bundle') {
      throw new RuleViolationError('一件事: each member case delivers its own result; choose on the member cases', [
        { path: 'id', rule: 'bundle', message: 'a bundle case delivers nothing itself' },
      ]);
    }
    if (dispatched(record.delivery))
      throw new ConflictError(
        `The result is already ${record.delivery!.status.toLowerCase().replaceAll('_', ' ')}; its delivery can no longer be changed`,
      );
    checkTransition(record.status, 'delivery-chosen');
    if (sameChoice(record.delivery, choice.method, address)) return record;
    const at = deps.now().toISOString();
    const delivery: CaseDelivery = {
      method: choice.method,
      status: 'CHOSEN',
      chosenAt: at,
      ...(address ? { address } : {}),
    };
    // The history and the event say how, never where: the address is personal data.
    return apply(
      record,
      [{ action: 'delivery-chosen', actor: actorOf(principal), data: { method: choice.method }, patch: { delivery } }],
      deps,
      [caseEvent(deliveryChosen, record, at, { method: choice.method })],
    );
  });
}

/** The applicant's choice, answered with the delivery as the applicant now sees it. */
export async function chooseDeliveryView(
  caseId: string,
  choice: DeliveryChoice,
  principal: Principal,
  deps: DeliveryDeps,
) {
  return deliveryView(await chooseDelivery(caseId, choice, principal, deps), principal);
}

// ---- reading ----

const RESULT_STATUSES: readonly string[] = ['APPROVED', 'ISSUED', 'DELIVERED'];
/** A bundle case delivers through its members, some of which may have results while others are still in review or were rejected. */
const BUNDLE_RESULT_STATUSES: readonly string[] = ['IN_REVIEW', 'APPROVED', 'REJECTED'];

/**
 * Window officers (统一出件窗口) see the delivery of any case with a result, in their region when their token names
 * one; everyone else as the case's own visibility says.
 */
export function canSeeDelivery(record: CaseRecord, principal: Principal): boolean {
  if (principal.role !== 'window') return canSee(record, principal);
  if (!(record.kind === 'bundle' ? BUNDLE_RESULT_STATUSES : RESULT_STATUSES).includes(record.status)) return false;
  return withinRegion(record, principal);
}

/** Personal data (address, recipient) only to the owner and the window that hands the result over. */
const seesAddress = (principal: Principal) =>
  principal.role === 'applicant' || principal.role === 'agent' || principal.role === 'window';

/** A bundle case's own status of delivery: delivered once every member with a result for the window has it. */
function bundleStatus(members: readonly MemberResult[]) {
  if (members.some((m) => m.state === 'ready')) return 'READY_FOR_PICKUP' as const;
  if (members.some((m) => m.state === 'delivered') && !members.some((m) => m.state === 'not-ready'))
    return 'DELIVERED' as const;
  return 'NOT_CHOSEN' as const;
}

export function deliveryView(record: CaseRecord, principal: Principal, members?: readonly MemberResult[]) {
  const d = record.delivery;
  const personal = seesAddress(principal);
  return {
    caseId: record.id,
    caseNumber: record.number,
    caseStatus: record.status,
    // No choice means window pickup.
    method: d?.method ?? ('window' as const),
    status: d?.status ?? (members ? bundleStatus(members) : ('NOT_CHOSEN' as const)),
    changeable: !dispatched(d) && record.kind !== 'bundle' && tryTransition(record),
    ...(d?.chosenAt ? { chosenAt: d.chosenAt } : {}),
    ...(d?.address && personal ? { address: d.address } : {}),
    ...(d?.courier ? { courier: d.courier } : {}),
    ...(d?.trackingNo ? { trackingNo: d.trackingNo } : {}),
    ...(d?.decidedAt ? { decidedAt: d.decidedAt } : {}),
    ...(d?.dueDate ? { dueDate: d.dueDate } : {}),
    ...(d?.dueDate && d.dueProvisional && !d.deliveredAt ? { dueProvisional: true } : {}),
    ...(d?.dispatchedAt ? { dispatchedAt: d.dispatchedAt } : {}),
    tracking: [...(d?.tracking ?? [])],
    ...(d?.deliveredAt ? { deliveredAt: d.deliveredAt } : {}),
    ...(d?.receivedBy && personal ? { receivedBy: d.receivedBy } : {}),
    ...(d?.receiverIdNumber && personal ? { receiverIdNumber: maskIdNumber(d.receiverIdNumber) } : {}),
    ...(d?.bundleCaseId ? { bundleCaseId: d.bundleCaseId } : {}),
    ...(members
      ? {
          members: members.map((m) => ({
            matterCode: m.member.matterCode,
            ...(m.record ? { caseId: m.record.id, caseNumber: m.record.number, caseStatus: m.record.status } : {}),
            result: m.state,
            ...(m.handedOver ? { handedOver: true } : {}),
            ...(m.record?.delivery?.deliveredAt ? { deliveredAt: m.record.delivery.deliveredAt } : {}),
          })),
        }
      : {}),
  };
}

function tryTransition(record: CaseRecord): boolean {
  try {
    checkTransition(record.status, 'delivery-chosen');
    return true;
  } catch {
    return false;
  }
}

export async function getDelivery(caseId: string, principal: Principal, deps: Pick<DeliveryDeps, 'cases' | 'now'>) {
  const record = await deps.cases.get(caseId);
  if (!record || !canSeeDelivery(record, principal)) throw new NotFoundError(`No case ${caseId}`);
  if (principal.role === 'agent') await reachCase(record, principal, caseId, deps);
  // 一件事: the bundle's results are its members'; the window sees at once which are ready (一窗出件).
  return deliveryView(record, principal, record.kind === 'bundle' ? await memberResults(record, deps) : undefined);
}
