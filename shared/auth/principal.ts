import * as z from 'zod';

/** The roles of ../shared/API.md. */
export const ROLES = ['applicant', 'agent', 'window', 'department', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** 统一社会信用代码: 18 characters from the code set that excludes I, O, Z, S, V. */
export const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
/** 居民身份证号: 17 digits and a check character. */
export const ID_NUMBER_SHAPE = /^\d{17}[\dX]$/;

/** 即办件 delegations: a department code and a matter code (the catalogue's shapes), or `*` for all its 即办件. */
export const DELEGATION_SHAPE = /^[A-Z][A-Z0-9_]{1,15}:(\*|[A-Z0-9][A-Z0-9_-]{1,39})$/;

/** Who is calling, as the handlers see it; derived from verified JWT claims only. */
export const principalSchema = z
  .object({
    sub: z.string().min(1),
    role: z.enum(ROLES),
    idNumber: z.string().regex(ID_NUMBER_SHAPE).optional(),
    uscc: z.string().regex(USCC_SHAPE).optional(),
    department: z.string().min(1).optional(),
    /** 行政区划代码 the staff member works for (its sub-regions included), or `*` for every region (shared/domain/access/scope.ts). */
    region: z
      .string()
      .regex(/^(\*|\d{6})$/)
      .optional(),
    /** A window officer's hall (办事大厅 id): the walk-in cases registered there. */
    hall: z.string().min(1).max(64).optional(),
    name: z.string().optional(),
    /**
     * 即办件: the departments' delegations a window officer holds, as `DEPT:MATTER-CODE` (or `DEPT:*` for every
     * 即办件 of that department), so they may decide such a matter on the spot.
     */
    delegations: z.array(z.string().regex(DELEGATION_SHAPE)).optional(),
  })
  .refine((p) => !(p.idNumber && p.uscc), { message: 'a principal is a citizen or an enterprise, not both' })
  .refine((p) => p.role !== 'department' || p.department, { message: 'a department role needs a department code' });
export type Principal = z.infer<typeof principalSchema>;

/**
 * The identity mapping: JWT claim names, the same in every stage. An OIDC issuer puts them as plain claims; Cognito
 * user pools put custom attributes under `custom:`; both are read here so handlers never look at raw claims.
 */
export const CLAIM = {
  role: 'role',
  idNumber: 'id_number',
  uscc: 'uscc',
  department: 'dept',
  region: 'region',
  hall: 'hall',
  name: 'name',
  /** Space-separated, as OAuth's `scope` is: Cognito's custom attributes and API Gateway's claims are strings. */
  delegations: 'delegations',
} as const;

type Claims = Record<string, unknown>;

function claim(claims: Claims, name: string): string | undefined {
  const value = claims[name] ?? claims[`custom:${name}`];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Returns the principal, or undefined when the claims do not describe a valid one (the caller answers 401/403). */
export function principalFromClaims(claims: Claims): Principal | undefined {
  const parsed = principalSchema.safeParse({
    sub: claims.sub,
    role: claim(claims, CLAIM.role),
    idNumber: claim(claims, CLAIM.idNumber),
    uscc: claim(claims, CLAIM.uscc),
    department: claim(claims, CLAIM.department),
    region: claim(claims, CLAIM.region),
    hall: claim(claims, CLAIM.hall),
    name: claim(claims, CLAIM.name),
    // A malformed entry grants nothing and is dropped; it does not lock the officer out of everything else.
    delegations: claim(claims, CLAIM.delegations)
      ?.split(/\s+/)
      .filter((d) => DELEGATION_SHAPE.test(d)),
  });
  return parsed.success ? parsed.data : undefined;
}

/** The inverse mapping, used by the local identity provider so local tokens carry exactly the production claims. */
export function claimsForPrincipal(principal: Principal): Record<string, string> {
  const claims: Record<string, string> = { sub: principal.sub, [CLAIM.role]: principal.role };
  if (principal.idNumber) claims[CLAIM.idNumber] = principal.idNumber;
  if (principal.uscc) claims[CLAIM.uscc] = principal.uscc;
  if (principal.department) claims[CLAIM.department] = principal.department;
  if (principal.region) claims[CLAIM.region] = principal.region;
  if (principal.hall) claims[CLAIM.hall] = principal.hall;
  if (principal.name) claims[CLAIM.name] = principal.name;
  if (principal.delegations?.length) claims[CLAIM.delegations] = principal.delegations.join(' ');
  return claims;
}
