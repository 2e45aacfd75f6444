import { WORKFLOW_ROUTES } from '../../shared/contracts/workflow';
import type { Topology } from '../topology-model';

/** The review workflow: its state machines, the steps they invoke, departments’ tasks and the reconciler. */
export const workflow = {
  functions: {
    tasks: {
      entry: 'functions/workflow/tasks-api.ts',
      description: '统一待办: department tasks (list, claim, decide), extension approval',
      memoryMb: 512,
      uses: [{ table: 'main', access: 'readWrite' }],
    },
    revokeOnBreach: {
      entry: 'functions/workflow/revoke-on-breach.ts',
      description:
        '告知承诺制: a commitment found false revokes the case’s licence (the register only: no signing key)',
      uses: [{ table: 'main', access: 'readWrite' }],
    },
    redateDeadlines: {
      entry: 'functions/workflow/redate-deadlines.ts',
      description:
        'A year’s holiday notice loaded: the deadlines counted Monday to Friday in that year are re-dated by it',
      timeoutSeconds: 300,
      uses: [{ table: 'main', access: 'readWrite' }],
    },
    startReview: {
      entry: 'functions/workflow/start-review.ts',
      description: 'An accepted case enters review and its state machine starts, named after the case',
      uses: [
        { table: 'main', access: 'readWrite' },
        { stateMachine: 'procedure', access: 'start' },
        { stateMachine: 'bundle', access: 'start' },
      ],
    },
    openDepartmentTask: {
      entry: 'functions/workflow/open-department-task.ts',
      description: "Opens a department's task with the procedure's token: its to-do entry and its deadline",
      uses: [
        { table: 'main', access: 'readWrite' },
        { stateMachine: 'procedure', access: 'taskResponse' },
      ],
    },
    escalateTask: {
      entry: 'functions/workflow/escalate-task.ts',
      description: 'A task silent for a week: tells the department and supervision, then the wait re-opens',
      uses: [{ table: 'main', access: 'readWrite' }],
    },
    closeReview: {
      entry: 'functions/workflow/close-review.ts',
      description:
        'The outcome of a review or a bundle: rejected (with reasons), withdrawn, a bundle’s (approval: awaitPayment)',
      uses: [{ table: 'main', access: 'readWrite' }],
    },
    resumeWorkflow: {
      entry: 'functions/workflow/resume-workflow.ts',
      description: 'Resumes the waiting task on a decision; stops the waiting tasks of a withdrawn case',
      uses: [
        { table: 'main', access: 'readWrite' },
        { stateMachine: 'procedure', access: 'taskResponse' },
        { stateMachine: 'bundle', access: 'taskResponse' },
      ],
    },
    startMemberCase: {
      entry: 'functions/workflow/start-member-case.ts',
      description: '一件事: starts a member case of a bundle with the bundle’s token',
      uses: [
        { table: 'main', access: 'readWrite' },
        { stateMachine: 'bundle', access: 'taskResponse' },
      ],
    },
    recordStepFailure: {
      entry: 'functions/workflow/record-step-failure.ts',
      description:
        'Every state machine Task’s catch: the failed step is recorded on the case (Application.ReviewFailed.v1)',
      uses: [{ table: 'main', access: 'readWrite' }],
      logAlarms: [
        {
          name: 'StepFailed',
          message: 'workflow step failed',
          description:
            'A workflow step failed after its retries; the case records it and the reconciler repairs what it can',
        },
      ],
    },
    reconcile: {
      entry: 'functions/workflow/reconcile.ts',
      description:
        'Every 15 minutes: finds and repairs what is stuck (unrelayed events, accepted cases without a review, ' +
        'approved cases without a licence, lost wait tokens)',
      timeoutSeconds: 300,
      uses: [
        { table: 'main', access: 'readWrite' },
        { bus: 'publish' },
        { stateMachine: 'procedure', access: 'start' },
        { stateMachine: 'bundle', access: 'start' },
        { stateMachine: 'procedure', access: 'describe' },
        { stateMachine: 'bundle', access: 'describe' },
        { stateMachine: 'procedure', access: 'taskResponse' },
        // Issuing a licence that its failed step did not issue.
        { secrets: 'platform', access: 'readWrite' },
        { signingKey: 'licences' },
      ],
      logAlarms: [
        {
          name: 'OutboxUnrelayed',
          message: 'stuck: outbox-unrelayed',
          description: 'An outbox event never reached the bus; the reconciler put it again',
        },
        {
          name: 'AcceptedWithoutReview',
          message: 'stuck: accepted-without-review',
          description: 'An accepted case had no running review; the reconciler started it',
        },
        {
          name: 'ApprovedWithoutLicence',
          message: 'stuck: approved-without-licence',
          description: 'An approved case waited for its licence with no step running; the reconciler issued it',
        },
        {
          name: 'LostWaitToken',
          message: 'stuck: lost-wait-token',
          description: 'A decision or payment never resumed its waiting step; the reconciler answered the token',
        },
      ],
    },
    memberCompleted: {
      entry: 'functions/workflow/member-completed.ts',
      description: '一件事: a member case completed; its bundle records it and moves on',
      uses: [
        { table: 'main', access: 'readWrite' },
        { stateMachine: 'bundle', access: 'taskResponse' },
      ],
    },
  },

  routes: [...WORKFLOW_ROUTES.map((route) => ({ route, function: 'tasks' }))],

  stateMachines: {
    procedure: {
      definition: 'statemachines/procedure.asl.json',
      description: 'A case’s departmental review: stages in order, tasks in parallel, each on a task token',
      substitutions: {
        OpenDepartmentTaskFunctionArn: { functionArn: 'openDepartmentTask' },
        EscalateTaskFunctionArn: { functionArn: 'escalateTask' },
        CloseReviewFunctionArn: { functionArn: 'closeReview' },
        AwaitPaymentFunctionArn: { functionArn: 'awaitPayment' },
        RecordStepFailureFunctionArn: { functionArn: 'recordStepFailure' },
      },
      // Its IssueLicence step (until issue 20): the licence is now issued from the approval's and payment's events.
      earlierInvokes: ['issueLicence'],
    },
    bundle: {
      definition: 'statemachines/bundle.asl.json',
      description: '一件事: a bundle’s member cases, wave by wave, each on a task token',
      substitutions: {
        StartMemberCaseFunctionArn: { functionArn: 'startMemberCase' },
        CloseReviewFunctionArn: { functionArn: 'closeReview' },
        RecordStepFailureFunctionArn: { functionArn: 'recordStepFailure' },
      },
    },
  },
} as const satisfies Pick<Topology, 'functions' | 'routes' | 'stateMachines'>;
