import * as z from 'zod';
import { NOTICE_KINDS } from '../domain/notices/notice';
import { defineRoute } from './route-contract';

/**
 * The written notices of acceptance (行政许可法 第三十二条): 受理通知书, 不予受理通知书, 补正材料通知书 (一次性告知书).
 * One route: the PDF by default, or with `format=json` the same notice's fields and lines, from which the browser
 * renders a printable page.
 */
export const noticeSchema = z
  .object({
    kind: z.enum(NOTICE_KINDS),
    title: z.string(),
    documentNo: z.string().meta({ description: '文书编号' }),
    issuer: z.object({ department: z.string(), name: z.string(), centre: z.string() }),
    caseId: z.string(),
    caseNumber: z.string(),
    caseUrl: z.string().meta({ description: 'The case’s page, which the QR code carries' }),
    applicant: z.object({
      type: z.enum(['citizen', 'enterprise']),
      name: z.string(),
      identifierLabel: z.string().meta({ description: '公民身份号码 or 统一社会信用代码' }),
      identifier: z
        .string()
        .meta({ description: 'An ID number masked (first three, last four); a 统一社会信用代码 as it is' }),
    }),
    matter: z.object({ code: z.string(), name: z.string(), kind: z.enum(['matter', 'bundle']) }),
    submittedOn: z.iso.date().optional(),
    decidedAt: z.string(),
    decisionDate: z.iso.date(),
    legalBasis: z.string(),
    deemed: z.boolean().optional().meta({ description: 'Acceptance: deemed, nobody decided within the limit' }),
    tolerated: z
      .array(z.object({ code: z.string(), name: z.string() }))
      .optional()
      .meta({ description: 'Acceptance: 容缺 materials, due before the decision' }),
    decisionDeadline: z.iso.date().optional().meta({ description: 'Acceptance: the decision is due by this date' }),
    reason: z.string().optional().meta({ description: 'Refusal: the written reason' }),
    items: z
      .array(
        z.object({ target: z.enum(['material', 'field']), code: z.string(), name: z.string(), message: z.string() }),
      )
      .optional()
      .meta({ description: 'Correction: every item at once (一次性告知)' }),
    note: z.string().optional(),
    salutation: z.string(),
    lines: z
      .array(z.object({ kind: z.enum(['paragraph', 'item']), text: z.string() }))
      .meta({ description: 'The body, in order: paragraphs and list items' }),
    closing: z.array(z.string()).meta({ description: 'The issuing body and the date' }),
  })
  .meta({ id: 'Notice' });
export type NoticeView = z.infer<typeof noticeSchema>;

export const noticeRoute = defineRoute({
  method: 'GET',
  path: '/applications/{id}/notices/{kind}',
  auth: ['applicant', 'agent', 'window'],
  summary:
    'A written notice of the acceptance stage (受理通知书, 不予受理通知书, 补正材料通知书/一次性告知书) as a PDF, or with format=json its fields and lines for a printable page; 404 unless you may see the case, 409 when the case never had that decision',
  tags: ['acceptance'],
  params: z.object({ id: z.uuid(), kind: z.enum(NOTICE_KINDS) }),
  query: z.object({ format: z.enum(['pdf', 'json']).default('pdf').meta({ description: 'pdf (default) or json' }) }),
  response: noticeSchema,
  alternativeResponses: [
    {
      contentType: 'application/pdf',
      schema: z.string().meta({ format: 'binary', description: 'The notice as an A4 PDF' }),
    },
  ],
});

export const NOTICE_ROUTES = [noticeRoute];
