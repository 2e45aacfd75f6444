import type { Principal } from '../../auth/principal';
import { ForbiddenError, NotFoundError } from '../errors';
import type { DepartmentContact, InboxMessage, PersonalContact } from './model';
import type { InboxDeps } from './ports';

/**
 * 统一消息 for people: the inbox, a person's contact and consent, a department head's contact for escalations.
 * The messages themselves are written by notify.ts.
 */

/** Whose inbox a caller reads: a department user reads the department's shared inbox, anyone else their own. */
function inboxOf(principal: Principal): string {
  if (principal.role === 'department') return `DEPT#${principal.department!}`;
  // A subject shaped like a department's key would open that department's inbox.
  if (principal.sub.startsWith('DEPT#')) throw new ForbiddenError('This identity has no inbox');
  return principal.sub;
}

/** A message as its reader sees it: without the store's recipient key and the event it came from. */
export const inboxMessageView = ({ recipientKey: _r, eventId: _e, ...message }: InboxMessage) => message;

export async function listInbox(
  principal: Principal,
  query: { readonly unread?: boolean; readonly limit: number; readonly cursor?: string },
  deps: InboxDeps,
) {
  const recipient = inboxOf(principal);
  const [page, unread] = await Promise.all([
    deps.store.listInbox(recipient, {
      unreadOnly: query.unread === true,
      limit: query.limit,
      ...(query.cursor ? { cursor: query.cursor } : {}),
    }),
    deps.store.unreadCount(recipient),
  ]);
  return {
    items: page.items.map(inboxMessageView),
    unread,
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}

export async function markRead(principal: Principal, id: string, deps: InboxDeps) {
  const message = await deps.store.markRead(inboxOf(principal), id, deps.now());
  // Someone else's message and no message at all look the same.
  if (!message) throw new NotFoundError(`No message ${id} in your inbox`);
  return inboxMessageView(message);
}

/** The caller's own contact; without one, Chinese and no consent. */
export async function getContact(principal: Principal, deps: InboxDeps) {
  const contact = await deps.store.getContact(principal.sub);
  return contact ?? { language: 'zh' as const, optIn: { sms: false, email: false } };
}

export async function putContact(principal: Principal, body: Omit<PersonalContact, 'updatedAt'>, deps: InboxDeps) {
  const contact = { ...body, updatedAt: deps.now().toISOString() };
  await deps.store.putContact(principal.sub, contact);
  return contact;
}

async function requireDepartment(code: string, deps: InboxDeps): Promise<void> {
  if (!(await deps.catalogue.getDepartment(code))) throw new NotFoundError(`No department ${code}`);
}

export async function getDepartmentContact(code: string, deps: InboxDeps) {
  await requireDepartment(code, deps);
  const contact = await deps.store.getDepartmentContact(code);
  return { department: code, ...(contact ?? { language: 'zh' as const }) };
}

export async function putDepartmentContact(code: string, body: Omit<DepartmentContact, 'updatedAt'>, deps: InboxDeps) {
  await requireDepartment(code, deps);
  const contact = { ...body, updatedAt: deps.now().toISOString() };
  await deps.store.putDepartmentContact(code, contact);
  return { department: code, ...contact };
}
