import * as z from 'zod';
import { COURIER_STATUSES } from '../domain/delivery/model';
import { defineRoute } from './route-contract';

/** 统一出件: the applicant's choice of window pickup or post, its tracking, and the window's handover. */
const caseParams = z.object({ id: z.uuid() });
const day = z.iso.date();
// Shapes only: the address rules (lengths, mobile number, district code, postcode) are checked together by the
// domain (shared/domain/delivery/choice.ts), so one answer names every bad field.
const text = z.string().max(500);

export const postalAddressSchema = z
  .strictObject({
    recipient: text.meta({ description: '收件人: 1 to 50 characters' }),
    phone: text.meta({ description: 'A mainland mobile number, 1[3-9] and 9 more digits' }),
    regionCode: text.meta({ description: 'The 6-digit code of the district (区县), e.g. 350102' }),
    street: text.meta({ description: 'Street, number, building: 5 to 200 characters' }),
    postcode: text.meta({ description: '6 digits' }),
  })
  .meta({ id: 'PostalAddress' });

export const deliveryViewSchema = z
  .object({
    caseId: z.string(),
    caseNumber: z.string(),
    caseStatus: z.string(),
    method: z.enum(['window', 'post']).meta({ description: 'No choice means window pickup' }),
    status: z.enum(['NOT_CHOSEN', 'CHOSEN', 'READY_FOR_PICKUP', 'SHIPPED', 'IN_TRANSIT', 'DELIVERED', 'RETURNED']),
    changeable: z.boolean().meta({ description: 'Whether the owner may still choose (until the result is issued)' }),
    chosenAt: z.string().optional(),
    address: postalAddressSchema.optional().meta({ description: 'Only to the owner and window officers' }),
    courier: z.string().optional(),
    trackingNo: z.string().optional(),
    decidedAt: z.string().optional(),
    dueDate: day.optional().meta({ description: '送达 due by this date: working days from the decision (default 10)' }),
    dueProvisional: z.boolean().optional().meta({
      description:
        'The due date reaches a year whose State Council holiday notice is not loaded: counted Monday to Friday there for now, re-dated when it is loaded',
    }),
    dispatchedAt: z.string().optional(),
    tracking: z.array(z.object({ status: z.enum(COURIER_STATUSES), at: z.string() })),
    deliveredAt: z
      .string()
      .optional()
      .meta({ description: '送达: picked up at the window or delivered by the courier' }),
    receivedBy: z.string().optional().meta({ description: 'Only to the owner and window officers' }),
    receiverIdNumber: z
      .string()
      .optional()
      .meta({ description: 'Who received it: the ID number masked; only to the owner and window officers' }),
    bundleCaseId: z
      .string()
      .optional()
      .meta({ description: '一窗出件: handed over together with the other results of this bundle case' }),
    members: z
      .array(
        z.object({
          matterCode: z.string(),
          caseId: z.string().optional(),
          caseNumber: z.string().optional(),
          caseStatus: z.string().optional(),
          result: z.enum(['ready', 'delivered', 'not-ready', 'by-post', 'no-result']).meta({
            description:
              'Where the member’s result is: waiting at the window, handed over, still to come, sent by post, or none (rejected, not started, withdrawn)',
          }),
          handedOver: z.boolean().optional().meta({ description: 'Handed over by this call' }),
          deliveredAt: z.string().optional(),
        }),
      )
      .optional()
      .meta({ description: '一件事 bundle cases: each member’s result' }),
  })
  .meta({ id: 'ResultDelivery' });

export const chooseDeliveryRoute = defineRoute({
  method: 'PUT',
  path: '/applications/{id}/delivery',
  auth: ['applicant', 'agent'],
  summary:
    'Choose window pickup or post (with an address) for the result; changeable until the result is issued (409 after)',
  tags: ['delivery'],
  params: caseParams,
  body: z.discriminatedUnion('method', [
    z.strictObject({ method: z.literal('window') }),
    z.strictObject({ method: z.literal('post'), address: postalAddressSchema }),
  ]),
  response: deliveryViewSchema,
});

export const getDeliveryRoute = defineRoute({
  method: 'GET',
  path: '/applications/{id}/delivery',
  auth: ['applicant', 'agent', 'window', 'department', 'supervisor', 'admin'],
  summary:
    'How the result reaches the applicant and where it is (tracking); the address only to the owner and window officers',
  tags: ['delivery'],
  params: caseParams,
  response: deliveryViewSchema,
});

export const confirmPickupRoute = defineRoute({
  method: 'POST',
  path: '/applications/{id}/delivery/pickup',
  auth: ['window'],
  summary:
    '窗口领取: the window officer confirms the result was handed over (送达); 409 unless it waits at the window. On a 一件事 bundle case (一窗出件): every member result waiting at the window at once, in one transaction; 409 naming the members not ready (unless partial)',
  tags: ['delivery'],
  params: caseParams,
  body: z
    .strictObject({
      receivedBy: z
        .string()
        .trim()
        .min(1)
        .max(50)
        .optional()
        .meta({ description: 'Who collected it, when not the applicant' }),
      receiverIdNumber: z.string().trim().max(18).optional().meta({
        description: 'The ID number of who collected it (check digit verified; shown masked, never logged in full)',
      }),
      partial: z
        .boolean()
        .optional()
        .meta({ description: 'A bundle case: hand over the results that are ready although others are still to come' }),
    })
    .default({}),
  response: deliveryViewSchema,
});

export const DELIVERY_ROUTES = [chooseDeliveryRoute, getDeliveryRoute, confirmPickupRoute];
