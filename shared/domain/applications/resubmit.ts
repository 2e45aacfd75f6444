import type { Principal } from '../../auth/principal';
import { applicationResubmitted } from '../../contracts/application-events';
import { provisionalMarks } from '../calendar/provisional';
import { toShanghaiDate } from '../calendar/working-days';
import { ValidationError } from '../errors';
import { submitCorrection } from '../workflow/correction';
import { actorOf, apply, caseEvent as event } from './changes';
import { requireActingOwner } from './load';
import type { CaseRecord } from './model';
import type { ApplicationDeps } from './ports';
import { templateOfCase } from './template';

/** The applicant answers a correction request: the window's (before acceptance) or a department's (during review). */
export async function resubmit(
  id: string,
  input: { form?: Record<string, unknown> },
  principal: Principal,
  deps: ApplicationDeps,
): Promise<CaseRecord> {
  const record = await requireActingOwner(id, principal, deps);
  if (record.status === 'RETURNED') return submitCorrection(record, input, principal, deps);
  const template = await templateOfCase(deps.matters, record);
  const result = template.validate(input.form ?? record.form);
  if (!result.ok) throw new ValidationError(`The form has ${result.errors.length} problem(s)`, result.errors);
  const now = deps.now();
  const at = now.toISOString();
  const calendar = await deps.calendar();
  const acceptanceDue = calendar.addWorkingDays(toShanghaiDate(now), deps.acceptanceDays);
  const provisional = provisionalMarks(deps, id, calendar, [[toShanghaiDate(now), acceptanceDue]]);
  return apply(
    record,
    [
      {
        action: 'resubmitted',
        actor: actorOf(principal),
        patch: {
          form: result.value,
          acceptanceDue,
          acceptanceDueProvisional: provisional.length > 0 ? true : undefined,
          corrections: undefined,
        },
      },
    ],
    deps,
    [event(applicationResubmitted, record, at, { resubmittedAt: at, acceptanceDue })],
    { items: provisional },
  );
}
