import { LocalClock } from '../../infra/local/clock';
import type { LocalFunctions } from '../../infra/local/functions';
import { localStateMachineArn } from '../../infra/local/names';
import { type LocalExecution, LocalStepFunctions } from '../../infra/local/step-functions';
import { topology } from '../../infra/topology';

/**
 * State transitions per procedure shape: what AWS bills a Standard execution ($0.025 per 1,000 in us-east-1) is every
 * state entered — a Map and each state inside it (an inline Map's iterations themselves are free), Pass, Choice,
 * Succeed and Fail alike — plus every retry. The local Step Functions counts the same way (infra/local/step-functions.ts
 * lists them per execution), and each shape below runs the real ASL files there, with the functions stubbed, so adding
 * a state to a path fails its test. Before = the definitions before issue 20 (a Pass state named each failed step,
 * Succeed states ended each outcome, the approval and the payment wait were two steps, and the licence was issued by a
 * last IssueLicence step; it is now issued from the approval's or the payment's event, rule issue-licence-when-due).
 *
 * shape (procedure unless named)                         before  after  the states entered now
 * ----------------------------------------------------  ------  -----  ------------------------------------------------
 * one department, approved, no fee                           7      4  RunStages, RunDepartmentTasks,
 *                                                                       AwaitDepartmentDecision, ApproveAndAwaitPayment
 * one department, with a fee (paid later)                    7      4  the same; the payment answers the wait's token
 *   … each 30 days the fee stays unpaid                     +1     +1  ApproveAndAwaitPayment again
 * two departments in parallel (one stage)                    8      5  + AwaitDepartmentDecision
 * two stages in series, one department each                  9      6  + RunDepartmentTasks, AwaitDepartmentDecision
 * 食品经营许可: three stages, the first two departments      12      9  (the bench's mix: 2/5 of it is one department)
 * a week without a decision (escalation)                    +2     +2  EscalateSilentTask, AwaitDepartmentDecision
 * rejected, one department                                   5      4  RunStages, RunDepartmentTasks,
 *                                                                       AwaitDepartmentDecision, RecordRejection
 * rejected, two departments in parallel                      6      5  + AwaitDepartmentDecision
 * withdrawn, one department                                  5      4  … RecordWithdrawal
 * the review fails (e.g. StageNotReached)                    5      5  … RecordStepFailure, StepFailed
 * approval/payment step fails after its retries              8      6  … ApproveAndAwaitPayment, RecordStepFailure,
 *                                                                       StepFailed (+1 per retry before)
 * a retry of any step                                       +1     +1  (AWS bills retries; counted locally since
 *                                                                       issue 20, before not counted at all)
 * bundle machine, waves [1, 2] (plus each member's own)      7      7  RunWaves, RunMembers, AwaitMemberCase,
 *                                                                       RunMembers, AwaitMemberCase ×2, RecordOutcome
 * bundle withdrawn in its first wave                         4      4  RunWaves, RunMembers, AwaitMemberCase, Withdrawn
 * bundle fails in its waves (a member cannot start)          6      5  RunWaves, RunMembers, AwaitMemberCase,
 *                                                                       RecordStepFailure, StepFailed
 */

const T0 = new Date('2026-03-02T01:00:00Z');
const DAY_MS = 86_400_000;

interface Opened {
  readonly token: string;
  readonly department?: string;
  readonly stageIndex?: number;
  readonly matterCode?: string;
}
type Stub = (payload: Record<string, any>) => unknown;

const running: LocalStepFunctions[] = [];
afterEach(async () => {
  for (const sfn of running.splice(0)) await sfn.stop();
});

/** The local Step Functions with the topology's ASL files and stubbed functions; the test plays the departments. */
function harness(overrides: Record<string, Stub> = {}) {
  const clock = new LocalClock('manual', T0);
  const opened: Opened[] = [];
  const recorded: Record<string, unknown>[] = [];
  const calls: string[] = [];
  const stubs: Record<string, Stub> = {
    openDepartmentTask: (p) => {
      opened.push({ token: p.taskToken, department: p.task.department, stageIndex: p.stageIndex });
      return { opened: true };
    },
    escalateTask: () => ({ escalated: true }),
    closeReview: (p) => ({ status: p.outcome === 'reject' ? 'REJECTED' : 'CLOSED' }),
    // Nothing owed: the function answers its own token at once, as functions/payments/await-payment.ts does.
    awaitPayment: (p) => {
      sfn.sendTaskSuccess(p.taskToken, JSON.stringify({ caseId: p.caseId, payment: 'none' }));
      return { waiting: false };
    },
    recordStepFailure: (p) => {
      recorded.push(p);
      return { recorded: true, status: 'IN_REVIEW' };
    },
    startMemberCase: (p) => {
      opened.push({ token: p.taskToken, matterCode: p.matterCode });
      return { started: true };
    },
    ...overrides,
  };
  const functions = {
    invoke: async (name: string, payload: unknown) => {
      calls.push(name);
      const stub = stubs[name];
      if (!stub) throw new Error(`No stub for ${name}`);
      return stub(payload as Record<string, any>);
    },
  } as unknown as LocalFunctions;
  const sfn = new LocalStepFunctions(topology, process.cwd(), { functions, clock, putEvents: async () => ({}) });
  running.push(sfn);
  const take = (where: (o: Opened) => boolean) => {
    const index = opened.findLastIndex(where);
    if (index < 0) throw new Error(`No open task like that among ${JSON.stringify(opened)}`);
    return opened.splice(index, 1)[0]!.token;
  };
  return {
    sfn,
    clock,
    opened,
    recorded,
    calls,
    procedure: (caseId: string, stages: string[][]) =>
      sfn.startExecution(
        localStateMachineArn('procedure'),
        JSON.stringify({
          caseId,
          stages: stages.map((tasks) => ({
            tasks: tasks.map((department) => ({ department, name: `${department} review`, timeLimitDays: 5 })),
          })),
        }),
        caseId,
      ),
    bundle: (caseId: string, waves: string[][]) =>
      sfn.startExecution(
        localStateMachineArn('bundle'),
        JSON.stringify({
          caseId,
          waves: waves.map((members) => ({ members: members.map((matterCode) => ({ matterCode })) })),
        }),
        caseId,
      ),
    approve: async (department: string) => {
      sfn.sendTaskSuccess(
        take((o) => o.department === department),
        JSON.stringify({ decision: 'approve' }),
      );
      await sfn.idle();
    },
    reject: async (department: string) => {
      sfn.sendTaskFailure(
        take((o) => o.department === department),
        'Rejected',
        '{"reason":"no"}',
      );
      await sfn.idle();
    },
    /** As resume-workflow.ts does for Application.Withdrawn.v1: every open token fails with Withdrawn. */
    withdraw: async () => {
      for (const o of opened.splice(0)) sfn.sendTaskFailure(o.token, 'Withdrawn', '{}');
      await sfn.idle();
    },
    member: async (matterCode: string) => {
      sfn.sendTaskSuccess(
        take((o) => o.matterCode === matterCode),
        JSON.stringify({ status: 'APPROVED' }),
      );
      await sfn.idle();
    },
  };
}

/** Until the execution ends: a retry's backoff is a real sleep in the emulator, during which idle() sees nothing. */
async function ended(execution: LocalExecution): Promise<LocalExecution> {
  for (let waited = 0; execution.status === 'RUNNING' && waited < 20_000; waited += 20)
    await new Promise((r) => setTimeout(r, 20));
  return execution;
}

const APPROVED_ONE_DEPARTMENT = [
  'RunStages',
  'RunDepartmentTasks',
  'AwaitDepartmentDecision',
  'ApproveAndAwaitPayment',
];

describe('state transitions per procedure shape (the table above)', () => {
  it('one department, approved, no fee: 4', async () => {
    const h = harness();
    const execution = h.procedure('c1', [['SAMR']]);
    await h.sfn.idle();
    await h.approve('SAMR');
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.transitions).toEqual(APPROVED_ONE_DEPARTMENT);
    expect(h.sfn.stateTransitions).toBe(4);
    // The approval is recorded by the payment step's function, not by a step of its own; the licence is issued from
    // the approval's event (rule issue-licence-when-due), not by the execution.
    expect(h.calls).toEqual(['openDepartmentTask', 'awaitPayment']);
  });

  it('one department with a fee: 4 whenever it is paid, one more each 30 days it is not', async () => {
    let waits = 0;
    const h = harness({
      awaitPayment: (p) => {
        waits++;
        h.opened.push({ token: p.taskToken, department: 'payment' });
        return { waiting: true };
      },
    });
    const execution = h.procedure('c2', [['NATRES']]);
    await h.sfn.idle();
    await h.approve('NATRES');
    expect(execution.status).toBe('RUNNING');
    h.clock.advance(30 * DAY_MS);
    await h.sfn.idle();
    expect(waits).toBe(2);
    await h.approve('payment'); // the provider's Paid notification answers the stored token
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.transitions).toEqual([
      'RunStages',
      'RunDepartmentTasks',
      'AwaitDepartmentDecision',
      'ApproveAndAwaitPayment',
      'ApproveAndAwaitPayment',
    ]);
  });

  it('two departments in parallel: 5', async () => {
    const h = harness();
    const execution = h.procedure('c3', [['SAMR', 'HEALTH']]);
    await h.sfn.idle();
    await h.approve('SAMR');
    expect(execution.status).toBe('RUNNING');
    await h.approve('HEALTH');
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.transitions).toEqual([
      'RunStages',
      'RunDepartmentTasks',
      'AwaitDepartmentDecision',
      'AwaitDepartmentDecision',
      'ApproveAndAwaitPayment',
    ]);
  });

  it('two stages in series: 6; three stages, the first two departments (食品经营许可): 9', async () => {
    const h = harness();
    const serial = h.procedure('c4', [['SAMR'], ['URBAN']]);
    await h.sfn.idle();
    await h.approve('SAMR');
    await h.approve('URBAN');
    expect(serial.status).toBe('SUCCEEDED');
    expect(serial.transitions).toEqual([
      'RunStages',
      'RunDepartmentTasks',
      'AwaitDepartmentDecision',
      'RunDepartmentTasks',
      'AwaitDepartmentDecision',
      'ApproveAndAwaitPayment',
    ]);
    const food = h.procedure('c5', [['SAMR', 'HEALTH'], ['URBAN'], ['TAX']]);
    await h.sfn.idle();
    for (const department of ['SAMR', 'HEALTH', 'URBAN', 'TAX']) await h.approve(department);
    expect(food.status).toBe('SUCCEEDED');
    expect(food.transitions).toHaveLength(9);
  });

  it('a week without a decision: the escalation and the new wait are 2 more', async () => {
    const h = harness();
    const execution = h.procedure('c6', [['SAMR']]);
    await h.sfn.idle();
    h.opened.splice(0); // the first token times out
    h.clock.advance(7 * DAY_MS);
    await h.sfn.idle();
    await h.approve('SAMR');
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.transitions).toEqual([
      'RunStages',
      'RunDepartmentTasks',
      'AwaitDepartmentDecision',
      'EscalateSilentTask',
      'AwaitDepartmentDecision',
      'ApproveAndAwaitPayment',
    ]);
  });

  it('rejected: 4 with one department, 5 with two in parallel; the execution succeeds', async () => {
    const h = harness();
    const one = h.procedure('c7', [['SAMR']]);
    await h.sfn.idle();
    await h.reject('SAMR');
    expect(one.status).toBe('SUCCEEDED');
    expect(one.transitions).toEqual(['RunStages', 'RunDepartmentTasks', 'AwaitDepartmentDecision', 'RecordRejection']);
    const two = h.procedure('c8', [['SAMR', 'HEALTH']]);
    await h.sfn.idle();
    await h.reject('HEALTH');
    expect(two.status).toBe('SUCCEEDED');
    expect(two.transitions).toEqual([
      'RunStages',
      'RunDepartmentTasks',
      'AwaitDepartmentDecision',
      'AwaitDepartmentDecision',
      'RecordRejection',
    ]);
  });

  it('rejected in the first of two stages: 4, the later stage never started (as in AWS)', async () => {
    const h = harness();
    const execution = h.procedure('c13', [['SAMR'], ['URBAN']]);
    await h.sfn.idle();
    await h.reject('SAMR');
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.transitions).toEqual([
      'RunStages',
      'RunDepartmentTasks',
      'AwaitDepartmentDecision',
      'RecordRejection',
    ]);
    expect(h.sfn.stateTransitions).toBe(4);
  });

  it('withdrawn: 4; the execution succeeds', async () => {
    const h = harness();
    const execution = h.procedure('c9', [['SAMR']]);
    await h.sfn.idle();
    await h.withdraw();
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.transitions).toEqual([
      'RunStages',
      'RunDepartmentTasks',
      'AwaitDepartmentDecision',
      'RecordWithdrawal',
    ]);
  });

  it('a review that cannot go on: recorded as the RunStages step, then the execution fails: 5', async () => {
    const h = harness({
      openDepartmentTask: () => {
        throw Object.assign(new Error('Stage 1 waits'), { name: 'StageNotReached' });
      },
    });
    const execution = await ended(h.procedure('c10', [['SAMR']]));
    expect([execution.status, execution.error]).toEqual(['FAILED', 'StepFailed']);
    expect(execution.transitions).toEqual([
      'RunStages',
      'RunDepartmentTasks',
      'AwaitDepartmentDecision',
      'RecordStepFailure',
      'StepFailed',
    ]);
    expect(h.recorded).toEqual([
      { caseId: 'c10', failed: { RunStages: expect.objectContaining({ Error: 'StageNotReached' }) } },
    ]);
  });

  it('a step failing: its name reaches the failure record from its Catch, with no Pass state: 6', async () => {
    const h = harness({
      awaitPayment: () => {
        throw Object.assign(new Error('The payment service is down'), { name: 'PaymentsUnavailable' });
      },
    });
    const execution = h.procedure('c11', [['SAMR']]);
    await h.sfn.idle();
    await h.approve('SAMR');
    await ended(execution);
    expect([execution.status, execution.error]).toEqual(['FAILED', 'StepFailed']);
    expect(execution.transitions).toEqual([
      'RunStages',
      'RunDepartmentTasks',
      'AwaitDepartmentDecision',
      'ApproveAndAwaitPayment',
      'RecordStepFailure',
      'StepFailed',
    ]);
    expect(h.recorded).toEqual([
      {
        caseId: 'c11',
        failed: { ApproveAndAwaitPayment: expect.objectContaining({ Error: 'PaymentsUnavailable' }) },
      },
    ]);
  });

  it('counts each retry as AWS bills it: one more transition', async () => {
    let attempts = 0;
    const h = harness({
      openDepartmentTask: (p) => {
        attempts++;
        if (attempts === 1) throw Object.assign(new Error('busy'), { name: 'ConflictError' });
        h.opened.push({ token: p.taskToken, department: p.task.department });
        return { opened: true };
      },
    });
    const execution = h.procedure('c12', [['SAMR']]);
    // The retry waits up to 2 s (its interval, full jitter), in real time in the emulator.
    for (let waited = 0; h.opened.length === 0 && waited < 10_000; waited += 20)
      await new Promise((r) => setTimeout(r, 20));
    await h.sfn.idle();
    await h.approve('SAMR');
    await ended(execution);
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.transitions).toEqual([
      'RunStages',
      'RunDepartmentTasks',
      'AwaitDepartmentDecision',
      'AwaitDepartmentDecision (retry)',
      'ApproveAndAwaitPayment',
    ]);
    expect(h.sfn.stateTransitions).toBe(5);
  }, 30_000);
});

describe('state transitions of the bundle machine (its members run the procedure, counted above)', () => {
  it('waves [1, 2]: 7', async () => {
    const h = harness();
    const execution = h.bundle('b1', [['REG'], ['SEAL', 'TAX']]);
    await h.sfn.idle();
    await h.member('REG');
    await h.member('SEAL');
    await h.member('TAX');
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.transitions).toEqual([
      'RunWaves',
      'RunMembers',
      'AwaitMemberCase',
      'RunMembers',
      'AwaitMemberCase',
      'AwaitMemberCase',
      'RecordOutcome',
    ]);
  });

  it('withdrawn in its first wave: 4', async () => {
    const h = harness();
    const execution = h.bundle('b2', [['REG'], ['SEAL']]);
    await h.sfn.idle();
    await h.withdraw();
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.transitions).toEqual(['RunWaves', 'RunMembers', 'AwaitMemberCase', 'Withdrawn']);
  });

  it('a member that cannot start fails the waves, recorded as the RunWaves step with no Pass state: 5', async () => {
    const h = harness({
      startMemberCase: () => {
        throw Object.assign(new Error('No such matter'), { name: 'NotFoundError' });
      },
    });
    const execution = await ended(h.bundle('b3', [['REG']]));
    expect([execution.status, execution.error]).toEqual(['FAILED', 'StepFailed']);
    expect(execution.transitions).toEqual([
      'RunWaves',
      'RunMembers',
      'AwaitMemberCase',
      'RecordStepFailure',
      'StepFailed',
    ]);
    expect(h.recorded).toEqual([
      { caseId: 'b3', failed: { RunWaves: expect.objectContaining({ Error: 'NotFoundError' }) } },
    ]);
  });
});
