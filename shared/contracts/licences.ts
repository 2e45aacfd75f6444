import * as z from 'zod';
import { pageOf } from './common';
import { defineRoute } from './route-contract';

const licenceParams = z.object({ licenceNo: z.string().min(4).max(64) });
const contentSchema = z.record(z.string(), z.union([z.string(), z.number()]));
const contentChoicesSchema = z
  .record(
    z.string(),
    z.array(z.object({ code: z.string(), label: z.object({ zh: z.string(), en: z.string().optional() }) })),
  )
  .meta({
    description:
      'By content field: the options its value names, each a code (for machines) and its labels (for people). Shown in place of the value.',
  });

export const licenceViewSchema = z
  .object({
    licenceNo: z.string(),
    version: z.number(),
    type: z.string(),
    typeName: z.string(),
    issuingDepartment: z.string(),
    holderName: z.string(),
    content: contentSchema,
    contentChoices: contentChoicesSchema,
    issuedOnCommitment: z
      .boolean()
      .optional()
      .meta({ description: '告知承诺制: issued on the holder’s written commitment; a post-check follows' }),
    validFrom: z.string(),
    validUntil: z.string().optional(),
    state: z.enum(['valid', 'suspended', 'revoked', 'superseded']),
    expired: z.boolean(),
    issuedAt: z.string(),
    caseId: z.string().optional(),
    credential: z.string().meta({ description: 'The signed credential (vc+jwt, ES256)' }),
    verificationUrl: z.string(),
    lastAnnualCheck: z.string().optional(),
  })
  .meta({ id: 'Licence' });

export const verificationSchema = z
  .object({
    status: z.enum(['valid', 'revoked', 'suspended', 'expired', 'unknown']),
    signatureValid: z.boolean(),
    problems: z.array(z.string()),
    checkedAt: z.string(),
    kid: z.string().optional(),
    issuer: z.object({ id: z.string(), name: z.string() }).optional(),
    holder: z
      .object({
        type: z.enum(['citizen', 'enterprise']),
        name: z.string(),
        uscc: z.string().optional(),
        idNumberMasked: z.string().optional(),
      })
      .optional(),
    licenceNumber: z.string().optional(),
    type: z.object({ code: z.string(), name: z.string() }).optional(),
    validFrom: z.string().optional(),
    validUntil: z.string().optional(),
    content: contentSchema
      .optional()
      .meta({ description: 'The particulars; absent for a citizen’s licence verified by number' }),
    contentChoices: contentChoicesSchema.optional(),
    licenceState: z.string().optional(),
    version: z.number().optional(),
  })
  .meta({ id: 'Verification' });

export const jwksRoute = defineRoute({
  method: 'GET',
  path: '/.well-known/jwks.json',
  auth: 'public',
  summary: 'The licence signing keys (current and retired)',
  tags: ['licences'],
  response: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }),
});
export const statusListRoute = defineRoute({
  method: 'GET',
  path: '/status-lists/{id}',
  auth: 'public',
  summary: 'A Bitstring Status List credential (revocation or suspension), signed (vc+jwt)',
  tags: ['licences'],
  params: z.object({ id: z.string().min(1).max(40) }),
  response: z.string(),
});
export const verifyByNumberRoute = defineRoute({
  method: 'GET',
  path: '/verify/{licenceNo}',
  auth: 'public',
  summary: 'Is this licence genuine, whose, and valid now? (no login)',
  tags: ['licences'],
  params: licenceParams,
  response: verificationSchema,
});
export const verifyCredentialRoute = defineRoute({
  method: 'POST',
  path: '/verify',
  auth: 'public',
  summary: 'Verify a credential someone shows you (its vc+jwt)',
  tags: ['licences'],
  body: z.strictObject({ credential: z.string().min(20).max(20_000) }),
  response: verificationSchema,
});
export const myLicencesRoute = defineRoute({
  method: 'GET',
  path: '/me/licences',
  auth: ['applicant'],
  summary: 'My licences (the wallet)',
  tags: ['licences'],
  query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(50), cursor: z.string().optional() }),
  response: pageOf(licenceViewSchema),
});
export const getLicenceRoute = defineRoute({
  method: 'GET',
  path: '/licences/{licenceNo}',
  auth: ['applicant', 'department', 'supervisor', 'admin'],
  summary: 'One licence: its holder, the issuing department, supervisors',
  tags: ['licences'],
  params: licenceParams,
  response: licenceViewSchema,
});
export const licenceDocumentRoute = defineRoute({
  method: 'GET',
  path: '/licences/{licenceNo}/document',
  auth: ['applicant', 'department', 'admin'],
  summary: 'A five-minute link to the licence document (PDF with seal and QR code)',
  tags: ['licences'],
  params: licenceParams,
  response: z.object({ url: z.string(), expiresAt: z.string() }),
});
export const licenceLifecycleRoute = defineRoute({
  method: 'POST',
  path: '/licences/{licenceNo}/{action}',
  auth: ['department', 'admin'],
  summary:
    'The issuing department: suspend, resume, revoke (作废), annual-check (年检), change (变更, new version), renew (延续)',
  tags: ['licences'],
  params: licenceParams.extend({ action: z.enum(['suspend', 'resume', 'revoke', 'annual-check', 'change', 'renew']) }),
  body: z.strictObject({
    reason: z.string().max(2000).optional(),
    content: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  }),
  response: licenceViewSchema,
});
export const importLicencesRoute = defineRoute({
  method: 'POST',
  path: '/admin/licences/import',
  auth: ['admin'],
  summary:
    '存量入库: load existing licences from JSON Lines or CSV (at most 2,000 rows a request); valid rows are signed, bad rows reported',
  tags: ['licences'],
  maxBodyBytes: 6 * 1024 * 1024,
  body: z.strictObject({ format: z.enum(['jsonl', 'csv']), data: z.string().min(1) }),
  response: z.object({
    imported: z.number(),
    failed: z.array(z.object({ row: z.number(), problems: z.array(z.string()) })),
    licenceNumbers: z.array(z.string()),
    // Idempotent per row: a row registered by an earlier run (or an identical earlier row) is reported, not signed again.
    alreadyImported: z.array(z.object({ row: z.number(), licenceNo: z.string() })),
  }),
});

export const PUBLIC_LICENCE_ROUTES = [jwksRoute, statusListRoute, verifyByNumberRoute, verifyCredentialRoute];
export const LICENCE_ROUTES = [myLicencesRoute, getLicenceRoute, licenceLifecycleRoute];
export const LICENCE_DOCUMENT_ROUTES = [licenceDocumentRoute];
