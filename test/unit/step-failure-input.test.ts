import { stepFailureInputSchema } from '../../shared/domain/workflow/step-failure';

/** RecordStepFailure's input: the failed step is named by the Catch's ResultPath, not by a Pass state (issue 20). */
describe('the input of RecordStepFailure', () => {
  it('names the step from the key its Catch put the error under, and keeps only the error’s name', () => {
    expect(
      stepFailureInputSchema.parse({
        caseId: 'c1',
        failed: { IssueLicence: { Error: 'Lambda.Unknown', Cause: '{"errorMessage":"张三 …"}' } },
      }),
    ).toEqual({ caseId: 'c1', step: 'IssueLicence', error: 'Lambda.Unknown' });
  });

  it('still reads the step and failure of executions started on the earlier definition', () => {
    expect(
      stepFailureInputSchema.parse({ caseId: 'c1', step: 'AwaitPayment', failure: { Error: 'States.TaskFailed' } }),
    ).toEqual({ caseId: 'c1', step: 'AwaitPayment', error: 'States.TaskFailed' });
    expect(stepFailureInputSchema.parse({ caseId: 'c1', step: 'RunStages' })).toEqual({
      caseId: 'c1',
      step: 'RunStages',
      error: 'unknown error',
    });
  });

  it('refuses an input that names no step', () => {
    expect(stepFailureInputSchema.safeParse({ caseId: 'c1' }).success).toBe(false);
    expect(stepFailureInputSchema.safeParse({ caseId: 'c1', failed: {} }).success).toBe(false);
  });
});
