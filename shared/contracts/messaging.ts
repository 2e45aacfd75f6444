import * as z from 'zod';
import { departmentCodeSchema } from '../domain/catalogue/model';
import { LANGUAGES, MAINLAND_MOBILE } from '../domain/messaging/model';
import { pageOf } from './common';
import { defineRoute } from './route-contract';

/**
 * 统一消息: the inbox (a person's own; a department user sees the department's shared inbox), a person's contact
 * details and consent for SMS and e-mail, and each department head's contact for escalations.
 */
const phone = z
  .string()
  .trim()
  .regex(MAINLAND_MOBILE, 'a mainland mobile number: 11 digits starting with 13–19')
  .meta({ description: '中国大陆手机号, 11 digits' });
const email = z.email('an e-mail address').max(254);
const language = z.enum(LANGUAGES).default('zh').meta({ description: 'Language of messages: zh (default) or en' });

export const inboxMessageSchema = z
  .object({
    id: z.string(),
    detailType: z.string().meta({ description: 'The event the message is about, e.g. Application.Approved.v1' }),
    language: z.enum(LANGUAGES),
    title: z.string(),
    body: z.string(),
    createdAt: z.string().meta({ description: 'When the event happened' }),
    read: z.boolean(),
    readAt: z.string().optional(),
    caseId: z.string().optional(),
    caseNumber: z.string().optional(),
    licenceNo: z.string().optional(),
    complaintId: z.string().optional(),
  })
  .meta({ id: 'InboxMessage' });

export const contactBodySchema = z
  .strictObject({
    phone: phone.optional(),
    email: email.optional(),
    language,
    optIn: z
      .strictObject({ sms: z.boolean().default(false), email: z.boolean().default(false) })
      .default({ sms: false, email: false })
      .meta({ description: 'Consent to receive messages by SMS and e-mail; the inbox always receives them' }),
  })
  .superRefine((c, ctx) => {
    if (c.optIn.sms && !c.phone)
      ctx.addIssue({ code: 'custom', path: ['optIn', 'sms'], message: 'SMS needs a phone number' });
    if (c.optIn.email && !c.email)
      ctx.addIssue({ code: 'custom', path: ['optIn', 'email'], message: 'e-mail needs an e-mail address' });
  });

export const contactSchema = z
  .object({
    phone: z.string().optional(),
    email: z.string().optional(),
    language: z.enum(LANGUAGES),
    optIn: z.object({ sms: z.boolean(), email: z.boolean() }),
    updatedAt: z.string().optional(),
  })
  .meta({ id: 'ContactPreferences' });

export const departmentContactBodySchema = z.strictObject({
  phone: phone.optional(),
  email: email.optional(),
  language,
});

export const departmentContactSchema = z
  .object({
    department: z.string(),
    phone: z.string().optional(),
    email: z.string().optional(),
    language: z.enum(LANGUAGES),
    updatedAt: z.string().optional(),
  })
  .meta({ id: 'DepartmentContact' });

export const listInboxRoute = defineRoute({
  method: 'GET',
  path: '/me/inbox',
  auth: ['applicant', 'agent', 'department'],
  summary: 'My messages, newest first (a department user: the department’s shared inbox), with the unread count',
  tags: ['messaging'],
  query: z.object({
    unread: z.stringbool().optional().meta({ description: 'true: unread messages only' }),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(2000).optional(),
  }),
  response: pageOf(inboxMessageSchema, { unread: z.number().int().nonnegative() }),
});

export const markReadRoute = defineRoute({
  method: 'POST',
  path: '/me/inbox/{id}/read',
  auth: ['applicant', 'agent', 'department'],
  summary: 'Mark one of my messages read (again: no change)',
  tags: ['messaging'],
  params: z.object({ id: z.string().min(1).max(100) }),
  response: inboxMessageSchema,
});

export const getContactRoute = defineRoute({
  method: 'GET',
  path: '/me/contact',
  auth: ['applicant', 'agent'],
  summary: 'My contact details and consent for SMS and e-mail (defaults when never set)',
  tags: ['messaging'],
  response: contactSchema,
});

export const putContactRoute = defineRoute({
  method: 'PUT',
  path: '/me/contact',
  auth: ['applicant', 'agent'],
  summary: 'Set my phone, e-mail, language and consent; leaving one out removes it',
  tags: ['messaging'],
  body: contactBodySchema,
  response: contactSchema,
});

const departmentParams = z.object({ code: departmentCodeSchema });

export const getDepartmentContactRoute = defineRoute({
  method: 'GET',
  path: '/admin/departments/{code}/contact',
  auth: ['admin'],
  summary: 'The department head’s contact for escalations (SMS and e-mail of overdue and escalated work)',
  tags: ['messaging'],
  params: departmentParams,
  response: departmentContactSchema,
});

export const putDepartmentContactRoute = defineRoute({
  method: 'PUT',
  path: '/admin/departments/{code}/contact',
  auth: ['admin'],
  summary: 'Set the department head’s phone, e-mail and language for escalations',
  tags: ['messaging'],
  params: departmentParams,
  body: departmentContactBodySchema,
  response: departmentContactSchema,
});

export const MESSAGING_ROUTES = [
  listInboxRoute,
  markReadRoute,
  getContactRoute,
  putContactRoute,
  getDepartmentContactRoute,
  putDepartmentContactRoute,
];
