import { createHash } from 'node:crypto';
import { applicationAccepted, applicationSubmitted } from '../../contracts/application-events';
import { applicationApproved, applicationRejected } from '../../contracts/workflow-events';
import type { ApplicationDeps } from '../applications/ports';
import { missingMaterials } from '../applications/materials';
import { nextEntry } from '../applications/case';
import { apply, caseEvent, retryOnConflict, SYSTEM } from '../applications/changes';
import type { BundleMember, CaseRecord, MaterialRecord } from '../applications/model';
import { bundleTemplate, memberMaterialCode } from '../applications/template';
import { toShanghaiDate } from '../calendar/working-days';
import type { BundleContent, MatterContent } from '../catalogue/model';
import { ConcurrentChangeError, NotFoundError } from '../errors';
import { WithdrawnError } from './department-tasks';
import type { WorkflowEngine } from './ports';

/**
 * 一件事: a bundle case runs one member case per member matter, wave by wave (registration first, then the others in
 * parallel). The bundle state machine waits on a token per member; the member case carries the token and, when it
 * completes, its Application.Approved/Rejected event gives the token back with the member's outcome.
 */

export interface MemberInput {
  readonly caseId: string;
  readonly waveIndex: number;
  readonly matterCode: string;
  readonly taskToken: string;
}

/** A member case's id is derived from the bundle case and the matter, so a retried start cannot create two. */
export function memberCaseId(bundleCaseId: string, matterCode: string): string {
  const h = createHash('sha256').update(`${bundleCaseId}/${matterCode}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The member's form: the merged fields mapped to it, and fields an earlier member's result fills (licence:<type>.<field>). */
export function memberForm(
  bundle: BundleContent,
  form: Record<string, unknown>,
  matterCode: string,
  members: readonly BundleMember[],
  matters: ReadonlyMap<string, { content: MatterContent }>,
): Record<string, unknown> {
  const merged = { ...form };
  for (const field of bundle.form.fields) {
    const prefill = field.prefill;
    if (merged[field.key] !== undefined || !prefill?.startsWith('licence:')) continue;
    const [type, key] = prefill.slice('licence:'.length).split('.');
    const source = members.find(
      (m) =>
        m.status === 'APPROVED' &&
        matters.get(m.matterCode)?.content.yieldsLicenceType === type &&
        m.result?.[key!] !== undefined,
    );
    if (source) merged[field.key] = source.result![key!];
  }
  const out: Record<string, unknown> = {};
  for (const mapping of bundle.fieldMap) {
    for (const target of mapping.targets)
      if (target.matterCode === matterCode && merged[mapping.field] !== undefined)
        out[target.field] = merged[mapping.field];
  }
  return out;
}

/** The member's materials: the shared ones that satisfy its materials, and those asked for it alone. */
function memberMaterials(
  bundle: BundleContent,
  record: CaseRecord,
  matterCode: string,
  matter: MatterContent,
): Record<string, MaterialRecord> {
  const out: Record<string, MaterialRecord> = {};
  for (const material of matter.materials) {
    const shared = bundle.sharedMaterials.find((s) =>
      s.satisfies.some((x) => x.matterCode === matterCode && x.material === material.code),
    );
    const source = record.materials[shared ? shared.code : memberMaterialCode(matterCode, material.code)];
    if (source && (source.files.length > 0 || source.licenceNo)) out[material.code] = source;
  }
  return out;
}

const withMember = (record: CaseRecord, matterCode: string, change: Partial<BundleMember>) =>
  (record.members ?? []).map((m) => (m.matterCode === matterCode ? { ...m, ...change } : m));

/**
 * Starts a member case (invoked by the bundle state machine with its token). When an earlier wave had a member
 * rejected, or the member's form cannot be completed, the member is not started and the token is answered at once.
 */
export async function startMember(
  input: MemberInput,
  deps: ApplicationDeps,
  engine: WorkflowEngine,
): Promise<{ caseId?: string; status: string }> {
  const bundleCase = await deps.cases.get(input.caseId);
  if (!bundleCase) throw new NotFoundError(`No case ${input.caseId}`);
  if (bundleCase.status === 'WITHDRAWN') throw new WithdrawnError(`Case ${bundleCase.number} was withdrawn`);
  const member = bundleCase.members?.find((m) => m.matterCode === input.matterCode);
  if (!member) throw new NotFoundError(`${input.matterCode} is not a member of case ${bundleCase.number}`);
  const skip = async (reason: string) => {
    await retryOnConflict(async () => {
      const current = (await deps.cases.get(input.caseId))!;
      const m = current.members?.find((x) => x.matterCode === input.matterCode);
      if (m?.status !== 'PENDING') return;
      await apply(
        current,
        [
          {
            action: 'member-completed',
            actor: SYSTEM,
            reason,
            data: { matterCode: input.matterCode, status: 'NOT_STARTED' },
            patch: { members: withMember(current, input.matterCode, { status: 'NOT_STARTED', reason }) },
          },
        ],
        deps,
      );
    });
    await engine.taskSuccess(input.taskToken, { matterCode: input.matterCode, status: 'NOT_STARTED' });
    return { status: 'NOT_STARTED' };
  };

  const id = memberCaseId(bundleCase.id, input.matterCode);
  const existing = await deps.cases.get(id);
  if (existing) return resumeExisting(existing, bundleCase, input, deps, engine);

  const blocked = (bundleCase.members ?? []).filter((m) => m.wave < input.waveIndex && m.status !== 'APPROVED');
  if (blocked.length > 0)
    return skip(`An earlier member was not approved: ${blocked.map((m) => `${m.matterCode} ${m.status}`).join(', ')}`);

  const template = await bundleTemplate(
    deps.matters,
    bundleCase.matterCode,
    bundleCase.matterVersion,
    bundleCase.memberVersions,
  );
  const matter = template.bundle!.members.get(input.matterCode)!;
  const pinned = await deps.matters.matter(input.matterCode, matter.version);
  const form = memberForm(
    template.bundle!.content,
    bundleCase.form,
    input.matterCode,
    bundleCase.members ?? [],
    template.bundle!.members,
  );
  const checked = pinned.validate(form);
  if (!checked.ok)
    return skip(`The member's form is incomplete: ${checked.errors.map((e) => `${e.path} ${e.rule}`).join(', ')}`);

  const now = deps.now();
  const at = now.toISOString();
  const date = toShanghaiDate(now);
  const materials = memberMaterials(template.bundle!.content, bundleCase, input.matterCode, matter.content);
  const tolerated = missingMaterials({ materials }, matter.content).tolerable.map((m) => m.code);
  const departments = [...new Set(matter.content.procedure.stages.flatMap((s) => s.tasks.map((t) => t.department)))];
  const number = await deps.cases.nextNumber(matter.content.regionCode, date.replaceAll('-', ''));
  const created = nextEntry(undefined, undefined, {
    action: 'created',
    actor: SYSTEM,
    at,
    data: { matterCode: input.matterCode, matterVersion: matter.version, number, bundleCaseId: bundleCase.id },
  });
  const submitted = nextEntry(created, 'DRAFT', { action: 'submitted', actor: SYSTEM, at });
  // 一窗受理: the bundle was accepted once for all its members.
  const accepted = nextEntry(submitted, 'SUBMITTED', {
    action: 'accepted',
    actor: SYSTEM,
    at,
    reason: `一件事 ${bundleCase.number} 统一受理`,
    data: { deemed: false, tolerated },
  });
  const child: CaseRecord = {
    id,
    number,
    matterCode: input.matterCode,
    matterVersion: matter.version,
    regionCode: matter.content.regionCode,
    department: matter.content.department,
    channel: bundleCase.channel,
    status: 'ACCEPTED',
    seq: accepted.seq,
    lastHash: accepted.hash,
    ownerKey: bundleCase.ownerKey,
    applicant: bundleCase.applicant,
    ...(bundleCase.agentSub ? { agentSub: bundleCase.agentSub } : {}),
    form: checked.value,
    materials,
    createdAt: at,
    updatedAt: at,
    submittedAt: at,
    acceptedAt: at,
    tolerated,
    departments,
    parent: { caseId: bundleCase.id, bundleCode: bundleCase.matterCode, taskToken: input.taskToken },
  };
  try {
    await deps.cases.commit({
      after: child,
      entries: [created, submitted, accepted],
      events: [
        caseEvent(applicationSubmitted, child, at, {
          submittedAt: at,
          acceptanceDue: date,
          missingTolerable: tolerated,
        }),
        caseEvent(applicationAccepted, child, at, {
          acceptedAt: at,
          deemed: false,
          tolerated,
          stages: matter.content.procedure.stages.map((s) => ({ tasks: s.tasks })),
        }),
      ],
    });
  } catch (error) {
    if (!(error instanceof ConcurrentChangeError)) throw error;
    return resumeExisting((await deps.cases.get(id))!, bundleCase, input, deps, engine);
  }
  await markRunning(bundleCase.id, input.matterCode, child, deps);
  return { caseId: id, status: 'RUNNING' };
}

async function markRunning(bundleCaseId: string, matterCode: string, child: CaseRecord, deps: ApplicationDeps) {
  await retryOnConflict(async () => {
    const current = (await deps.cases.get(bundleCaseId))!;
    if (current.members?.find((m) => m.matterCode === matterCode)?.status !== 'PENDING') return;
    await apply(
      current,
      [
        {
          action: 'member-started',
          actor: SYSTEM,
          data: { matterCode, caseId: child.id, caseNumber: child.number },
          patch: {
            members: withMember(current, matterCode, { status: 'RUNNING', caseId: child.id, caseNumber: child.number }),
          },
        },
      ],
      deps,
    );
  });
}

/** A member case exists (a retried start, or the wait re-opened): keep its token current, answer at once if it is done. */
async function resumeExisting(
  child: CaseRecord,
  bundleCase: CaseRecord,
  input: MemberInput,
  deps: ApplicationDeps,
  engine: WorkflowEngine,
) {
  if (child.parent && child.parent.taskToken !== input.taskToken) {
    await retryOnConflict(async () => {
      const current = (await deps.cases.get(child.id))!;
      if (current.parent?.taskToken === input.taskToken) return;
      await apply(
        current,
        [
          {
            action: 'bundle-wait-renewed',
            actor: SYSTEM,
            patch: { parent: { ...current.parent!, taskToken: input.taskToken } },
          },
        ],
        deps,
      );
    });
  }
  await markRunning(bundleCase.id, input.matterCode, child, deps);
  const outcome = memberStatus(child);
  if (outcome !== 'RUNNING') {
    await recordMemberOutcome(child, deps);
    await engine.taskSuccess(input.taskToken, { matterCode: input.matterCode, caseId: child.id, status: outcome });
  }
  return { caseId: child.id, status: outcome };
}

function memberStatus(child: CaseRecord): BundleMember['status'] {
  if (child.status === 'APPROVED' || child.status === 'ISSUED' || child.status === 'DELIVERED') return 'APPROVED';
  if (child.status === 'REJECTED' || child.status === 'REFUSED') return 'REJECTED';
  if (child.status === 'WITHDRAWN') return 'WITHDRAWN';
  return 'RUNNING';
}

async function recordMemberOutcome(child: CaseRecord, deps: ApplicationDeps): Promise<boolean> {
  const status = memberStatus(child);
  return retryOnConflict(async () => {
    const bundleCase = await deps.cases.get(child.parent!.caseId);
    const member = bundleCase?.members?.find((m) => m.matterCode === child.matterCode);
    if (!bundleCase || !member || member.status === status || bundleCase.status !== 'IN_REVIEW') return false;
    const reason = child.outcome?.tasks
      .filter((t) => t.status === 'REJECTED')
      .map((t) => `${t.department}: ${t.reason ?? ''}`)
      .join('；');
    const change = {
      status,
      caseId: child.id,
      caseNumber: child.number,
      ...(reason ? { reason } : {}),
      ...(child.outcome?.result ? { result: child.outcome.result } : {}),
    };
    await apply(
      bundleCase,
      [
        {
          action: 'member-completed',
          actor: SYSTEM,
          data: { matterCode: child.matterCode, caseId: child.id, status },
          patch: { members: withMember(bundleCase, child.matterCode, change) },
        },
      ],
      deps,
    );
    return true;
  });
}

/** A member case completed (its Application.Approved/Rejected/Withdrawn event): the bundle records it and resumes. */
export async function memberCompleted(
  childCaseId: string,
  deps: ApplicationDeps,
  engine: WorkflowEngine,
): Promise<void> {
  const child = await deps.cases.get(childCaseId);
  if (!child?.parent || memberStatus(child) === 'RUNNING') return;
  await recordMemberOutcome(child, deps);
  const answer = await engine.taskSuccess(child.parent.taskToken, {
    matterCode: child.matterCode,
    caseId: child.id,
    status: memberStatus(child),
  });
  if (answer === 'gone') {
    // The wait may have been re-opened with a new token meanwhile: answer that one; a finished bundle needs nothing.
    const again = await deps.cases.get(childCaseId);
    if (again?.parent && again.parent.taskToken !== child.parent.taskToken)
      await engine.taskSuccess(again.parent.taskToken, {
        matterCode: child.matterCode,
        caseId: child.id,
        status: memberStatus(child),
      });
  }
}

/** Every wave ran: the bundle is approved when every member was, otherwise rejected with each member's state. */
export async function closeBundle(caseId: string, deps: ApplicationDeps): Promise<{ status: string }> {
  return retryOnConflict(async () => {
    const record = await deps.cases.get(caseId);
    if (!record) throw new NotFoundError(`No case ${caseId}`);
    if (record.status !== 'IN_REVIEW') return { status: record.status };
    const members = record.members ?? [];
    const at = deps.now().toISOString();
    const outcomeMembers = members.map(({ result: _r, wave: _w, ...m }) => m);
    const tasks: never[] = [];
    if (members.every((m) => m.status === 'APPROVED')) {
      const updated = await apply(
        record,
        [
          {
            action: 'approved',
            actor: SYSTEM,
            patch: { outcome: { decision: 'approved', decidedAt: at, tasks, members } },
          },
        ],
        deps,
        [
          caseEvent(applicationApproved, record, at, {
            decidedAt: at,
            tasks,
            hasResult: false,
            members: outcomeMembers,
          }),
        ],
      );
      return { status: updated.status };
    }
    const reasons = members
      .filter((m) => m.status === 'REJECTED')
      .map((m) => ({ department: m.matterCode, reason: m.reason ?? '' }));
    const summary = members.map((m) => `${m.matterCode}: ${m.status}`).join('；');
    const updated = await apply(
      record,
      [
        {
          action: 'rejected',
          actor: SYSTEM,
          reason: `一件事未全部办结 (${summary})`,
          patch: { outcome: { decision: 'rejected', decidedAt: at, tasks, members } },
        },
      ],
      deps,
      [caseEvent(applicationRejected, record, at, { decidedAt: at, reasons, tasks, members: outcomeMembers })],
    );
    return { status: updated.status };
  });
}
