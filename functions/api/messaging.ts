import { messagingApiDeps } from '../../shared/adapters/messaging-deps';
import { getContactRoute, getDepartmentContactRoute, listInboxRoute, markReadRoute, putContactRoute, putDepartmentContactRoute } from '../../shared/contracts/messaging';
import type { Principal } from '../../shared/auth/principal';
import { ForbiddenError, NotFoundError } from '../../shared/domain/errors';
import type { InboxMessage } from '../../shared/domain/messaging/model';
import { httpRouter, route } from '../../shared/lambda/http';

const deps = messagingApiDeps();

/** Whose inbox a caller reads: a department user reads the department's shared inbox, anyone else their own. */
function inboxOf(principal: Principal): string {
  if (principal.role === 'department') return `DEPT#${principal.department!}`;
  // A subject shaped like a department's key would open that department's inbox.
  if (principal.sub.startsWith('DEPT#')) throw new ForbiddenError('This identity has no inbox');
  return principal.sub;
}

const view = ({ recipientKey: _r, eventId: _e, ...message }: InboxMessage) => message;

/** 统一消息: the inbox, a person's contact and consent, a department head's contact for escalations. */
export const handler = httpRouter([
  route(listInboxRoute, async ({ query, principal }) => {
    const recipient = inboxOf(principal);
    const [page, unread] = await Promise.all([
      deps.store.listInbox(recipient, { unreadOnly: query.unread === true, limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) }),
      deps.store.unreadCount(recipient),
    ]);
    return { items: page.items.map(view), unread, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }),
  route(markReadRoute, async ({ params, principal }) => {
    const message = await deps.store.markRead(inboxOf(principal), params.id, deps.now());
    // Someone else's message and no message at all look the same.
    if (!message) throw new NotFoundError(`No message ${params.id} in your inbox`);
    return view(message);
  }),
  route(getContactRoute, async ({ principal }) => {
    const contact = await deps.store.getContact(principal.sub);
    return contact ?? { language: 'zh' as const, optIn: { sms: false, email: false } };
  }),
  route(putContactRoute, async ({ body, principal }) => {
    const contact = { ...body, updatedAt: deps.now().toISOString() };
    await deps.store.putContact(principal.sub, contact);
    return contact;
  }),
  route(getDepartmentContactRoute, async ({ params }) => {
    if (!(await deps.catalogue.getDepartment(params.code))) throw new NotFoundError(`No department ${params.code}`);
    const contact = await deps.store.getDepartmentContact(params.code);
    return { department: params.code, ...(contact ?? { language: 'zh' as const }) };
  }),
  route(putDepartmentContactRoute, async ({ params, body }) => {
    if (!(await deps.catalogue.getDepartment(params.code))) throw new NotFoundError(`No department ${params.code}`);
    const contact = { ...body, updatedAt: deps.now().toISOString() };
    await deps.store.putDepartmentContact(params.code, contact);
    return { department: params.code, ...contact };
  }),
]);
