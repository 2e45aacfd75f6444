import { messagingApiDeps } from '../../shared/adapters/messaging-deps';
import {
  getContactRoute,
  getDepartmentContactRoute,
  listInboxRoute,
  markReadRoute,
  putContactRoute,
  putDepartmentContactRoute,
} from '../../shared/contracts/messaging';
import {
  getContact,
  getDepartmentContact,
  listInbox,
  markRead,
  putContact,
  putDepartmentContact,
} from '../../shared/domain/messaging/inbox';
import { httpRouter, route } from '../../shared/lambda/http';

const deps = messagingApiDeps();

/** 统一消息: the inbox, a person's contact and consent, a department head's contact for escalations. */
export const handler = httpRouter([
  route(listInboxRoute, ({ query, principal }) => listInbox(principal, query, deps)),
  route(markReadRoute, ({ params, principal }) => markRead(principal, params.id, deps)),
  route(getContactRoute, ({ principal }) => getContact(principal, deps)),
  route(putContactRoute, ({ body, principal }) => putContact(principal, body, deps)),
  route(getDepartmentContactRoute, ({ params }) => getDepartmentContact(params.code, deps)),
  route(putDepartmentContactRoute, ({ params, body }) => putDepartmentContact(params.code, body, deps)),
]);
