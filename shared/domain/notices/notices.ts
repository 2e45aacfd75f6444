import type { Principal } from '../../auth/principal';
import { canSee, reachCase, withinRegion } from '../applications/access';
import type { CaseRecord } from '../applications/model';
import { decisionLimitDays, templateOfCase } from '../applications/template';
import { toShanghaiDate } from '../calendar/working-days';
import { ConflictError, NotFoundError } from '../errors';
import { applicantNameOf, buildNotice, type Notice, NOTICE_DECISIONS, NOTICE_TITLES, type NoticeKind } from './notice';
import type { NoticeDeps } from './ports';

/**
 * Who may have a case's notices: its owner (applicant or agent) as they see the case, and window officers (前台
 * 综合受理 for every department) for any case past its draft in their region, so a notice can be printed again at the
 * counter after the case moved on. Anyone else gets 404.
 */
export function canHaveNotices(record: CaseRecord, principal: Principal): boolean {
  if (principal.role === 'window')
    return canSee(record, principal) || (record.status !== 'DRAFT' && withinRegion(record, principal));
  if (principal.role === 'applicant' || principal.role === 'agent') return canSee(record, principal);
  return false;
}

/** A case's written notice of one kind, from its latest decision of that kind; 409 when the case never had one. */
export async function getNotice(id: string, kind: NoticeKind, principal: Principal, deps: NoticeDeps): Promise<Notice> {
  const record = await deps.cases.get(id);
  if (!record || !canHaveNotices(record, principal)) throw new NotFoundError(`No case ${id}`);
  if (principal.role === 'agent') await reachCase(record, principal, id, deps);
  const history = await deps.cases.history(id);
  const decision = history.findLast((e) => e.action === NOTICE_DECISIONS[kind]);
  if (!decision) {
    throw new ConflictError(
      `Case ${record.number} has no ${NOTICE_TITLES[kind]}: it was never ${NOTICE_DECISIONS[kind].replaceAll('-', ' ')}`,
      [
        {
          path: 'params.kind',
          rule: 'decided',
          message: `no ${NOTICE_DECISIONS[kind]} decision on this case`,
          messageZh: `该办件没有${NOTICE_TITLES[kind]}`,
        },
      ],
    );
  }
  const submitted = history.findLast(
    (e) => e.seq < decision.seq && (e.action === 'submitted' || e.action === 'resubmitted'),
  );
  const [template, issuerName] = await Promise.all([
    templateOfCase(deps.matters, record),
    deps.departmentName(record.department),
  ]);
  const decisionDeadline =
    kind === 'acceptance'
      ? (await deps.calendar()).addWorkingDays(toShanghaiDate(decision.at), decisionLimitDays(template))
      : undefined;
  return buildNotice({
    kind,
    record,
    decision,
    ...(submitted ? { submittedAt: submitted.at } : {}),
    matter: { name: template.name, materials: template.materials, fields: template.fields },
    issuer: { department: record.department, name: issuerName },
    applicantName: applicantNameOf(record, template.fields),
    ...(decisionDeadline ? { decisionDeadline } : {}),
    caseUrl: deps.caseUrl(record.id),
  });
}
