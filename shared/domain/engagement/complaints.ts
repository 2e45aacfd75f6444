import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Principal } from '../../auth/principal';
import type { OutboxEvent } from '../events';
import { complaintAnswered, type complaintDeadlineRedated, complaintReceived } from '../../contracts/engagement-events';
import { ConflictError, NotFoundError, RuleViolationError } from '../errors';
import type { Complaint, ComplaintCategory, ComplaintContact, EngagementStatus } from './model';
import type { EngagementDeps } from './ports';
import { dueAfterProvisionally, onTime } from './model';
import { regionFilter, scopeOf } from './rectifications';

export interface ComplaintInput {
  readonly about: { readonly caseNumber: string } | { readonly matterCode: string };
  readonly category: ComplaintCategory;
  readonly content: string;
  readonly contact: ComplaintContact;
  readonly language?: 'zh' | 'en';
}

/** Unambiguous characters (no 0/O, 1/I/L): 12 of them are about 59 bits, read out over the phone without mistakes. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

function newAccessCode(): string {
  const chars = Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}

/** Case, dashes and spaces do not matter when the code is typed back. */
const hashCode = (code: string) => createHash('sha256').update(code.toUpperCase().replace(/[\s-]/g, '')).digest();

/**
 * A complaint from anyone, about a case (by its number) or a matter: routed to the case's or the matter's
 * department, due in working days, announced by Complaint.Received.v1 in the same transaction. The access code is
 * shown once and stored only as a hash. An unknown case number is refused like an unknown matter, and the answer
 * says nothing about the case beyond the department it was routed to.
 */
export async function submitComplaint(input: ComplaintInput, principal: Principal | undefined, deps: EngagementDeps) {
  const target = await routeOf(input.about, deps);
  const now = deps.now();
  const at = now.toISOString();
  const accessCode = newAccessCode();
  // Counted Monday to Friday into a year whose holiday notice is late: listed first, re-dated when it is loaded.
  const due = await dueAfterProvisionally(deps, deps.complaintDays);
  const contact: ComplaintContact = {
    name: input.contact.name.trim(),
    ...(input.contact.phone ? { phone: input.contact.phone } : {}),
    ...(input.contact.email ? { email: input.contact.email } : {}),
  };
  const complaint: Complaint = {
    id: randomUUID(),
    category: input.category,
    content: input.content.trim(),
    contact,
    language: input.language ?? 'zh',
    ...(principal ? { complainantSub: principal.sub } : {}),
    ...target,
    status: 'open',
    receivedAt: at,
    dueDate: due.dueDate,
    ...(due.provisional ? { provisional: true } : {}),
    accessCodeHash: hashCode(accessCode).toString('hex'),
  };
  if (due.provisional && deps.provisional) await deps.provisional.markComplaint(complaint.id, due.years);
  await deps.engagement.putComplaint(
    complaint,
    'new',
    complaintEvent(complaintReceived, complaint, at, { receivedAt: at }),
  );
  return {
    id: complaint.id,
    accessCode,
    department: complaint.department,
    dueDate: complaint.dueDate,
    ...(complaint.provisional ? { provisional: true } : {}),
  };
}

async function routeOf(about: ComplaintInput['about'], deps: EngagementDeps) {
  if ('caseNumber' in about) {
    const record = await deps.cases.findByNumber(about.caseNumber.trim());
    // A draft was never handed in: as far as the public is concerned, no case has that number.
    if (!record || record.status === 'DRAFT') {
      throw new RuleViolationError('No case has this number', [
        {
          path: 'about.caseNumber',
          rule: 'exists',
          message: 'no case with this number',
          messageZh: '未找到该办件编号',
        },
      ]);
    }
    return {
      caseId: record.id,
      caseNumber: record.number,
      matterCode: record.matterCode,
      department: record.department,
      regionCode: record.regionCode,
    };
  }
  let matter: Awaited<ReturnType<EngagementDeps['catalogue']['matter']>>;
  try {
    matter = await deps.catalogue.matter(about.matterCode);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    throw new RuleViolationError(`No published matter ${about.matterCode}`, [
      {
        path: 'about.matterCode',
        rule: 'exists',
        message: 'no published matter with this code',
        messageZh: '未找到该事项',
      },
    ]);
  }
  const department = matter.content.department;
  const regionCode =
    (await deps.catalogue.departments()).find((d) => d.code === department)?.regionCode ?? matter.content.regionCode;
  return { matterCode: about.matterCode, department, regionCode };
}

/** The public status page: with the access code only (compared in constant time); a wrong code is a 404. */
export async function complaintStatus(id: string, code: string, deps: EngagementDeps) {
  const complaint = await deps.engagement.getComplaint(id);
  const stored = complaint ? Buffer.from(complaint.accessCodeHash, 'hex') : Buffer.alloc(32);
  const matches = timingSafeEqual(hashCode(code), stored.length === 32 ? stored : Buffer.alloc(32));
  if (!complaint || !matches) throw new NotFoundError(`No complaint ${id} with this access code`);
  return {
    id: complaint.id,
    status: complaint.status,
    category: complaint.category,
    department: complaint.department,
    receivedAt: complaint.receivedAt,
    dueDate: complaint.dueDate,
    ...(complaint.provisional && complaint.status === 'open' ? { provisional: true } : {}),
    ...(complaint.answer ? { answer: complaint.answer, answeredAt: complaint.answeredAt! } : {}),
  };
}

export async function listComplaints(
  principal: Principal,
  query: { status: EngagementStatus; department?: string; limit: number; cursor?: string },
  deps: EngagementDeps,
) {
  const department = scopeOf(principal, query.department);
  const page = await deps.engagement.listComplaints({
    status: query.status,
    limit: query.limit,
    ...(department ? { department } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  return {
    items: page.items.filter(regionFilter(principal)).map(complaintStaffView),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}

/** The department the complaint was routed to answers it, once; Complaint.Answered.v1 commits with the answer. */
export async function answerComplaint(
  id: string,
  input: { answer: string },
  principal: Principal,
  deps: EngagementDeps,
) {
  const before = await deps.engagement.getComplaint(id);
  if (!before || principal.role !== 'department' || before.department !== principal.department)
    throw new NotFoundError(`No complaint ${id}`);
  if (before.status !== 'open') throw new ConflictError(`Complaint ${id} was already answered`);
  const now = deps.now();
  const at = now.toISOString();
  const after: Complaint = {
    ...before,
    status: 'answered',
    answer: input.answer.trim(),
    answeredAt: at,
    answeredBy: principal.sub,
    onTime: onTime(now, before.dueDate),
  };
  await deps.engagement.putComplaint(
    after,
    'open',
    complaintEvent(complaintAnswered, after, at, { answeredAt: at, onTime: after.onTime }),
  );
  return complaintStaffView(after);
}

/** What staff see: the complaint with the contact details they need to reply; never the access code's hash. */
export function complaintStaffView(c: Complaint) {
  return {
    id: c.id,
    status: c.status,
    category: c.category,
    content: c.content,
    contact: { ...c.contact },
    language: c.language,
    ...(c.caseId ? { caseId: c.caseId, caseNumber: c.caseNumber! } : {}),
    ...(c.matterCode ? { matterCode: c.matterCode } : {}),
    department: c.department,
    regionCode: c.regionCode,
    receivedAt: c.receivedAt,
    dueDate: c.dueDate,
    ...(c.provisional && c.status === 'open' ? { provisional: true } : {}),
    ...(c.answer ? { answer: c.answer, answeredAt: c.answeredAt!, onTime: c.onTime! } : {}),
  };
}

/** A complaint's event: ids and dimensions only, never the contact details or the content. */
export function complaintEvent(
  contract: typeof complaintReceived | typeof complaintAnswered | typeof complaintDeadlineRedated,
  c: Complaint,
  at: string,
  extra: Record<string, unknown>,
): OutboxEvent {
  const eventId = randomUUID();
  const detail = contract.detail.parse({
    eventId,
    occurredAt: at,
    complaintId: c.id,
    responsibleDepartment: c.department,
    regionCode: c.regionCode,
    category: c.category,
    ...(c.matterCode ? { matterCode: c.matterCode } : {}),
    ...(c.caseId ? { caseId: c.caseId, caseNumber: c.caseNumber } : {}),
    dueDate: c.dueDate,
    ...extra,
  }) as Record<string, unknown>;
  return { eventId, source: contract.source, detailType: contract.detailType, detail, occurredAt: at };
}
