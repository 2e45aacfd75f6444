import { ACCEPTANCE_ROUTES, APPLICANT_ROUTES } from '../shared/contracts/applications';
import { ADMIN_CATALOGUE_ROUTES, PUBLIC_CATALOGUE_ROUTES } from '../shared/contracts/catalogue';
import { applicationAccepted, applicationApproved, applicationRejected, applicationWithdrawn, commitmentBreached, taskDecided, taskOpened } from '../shared/contracts/events';
import { WORKFLOW_ROUTES } from '../shared/contracts/workflow';
import { POST_CHECK_ROUTES } from '../shared/contracts/post-checks';
import { INTEGRATION_ROUTES } from '../shared/contracts/integration';
import { importLicencesRoute, LICENCE_DOCUMENT_ROUTES, LICENCE_ROUTES, PUBLIC_LICENCE_ROUTES } from '../shared/contracts/licences';
import { meRoute } from '../shared/contracts/identity';
import { healthRoute, openApiRoute } from '../shared/contracts/system';
import { ENGAGEMENT_ROUTES } from '../shared/contracts/engagement';
import { STATS_ROUTES } from '../shared/contracts/stats';
import { ALL_EVENT_CONTRACTS, patternFor } from '../shared/contracts/all-events';
import { calendarLoaded } from '../shared/contracts/calendar-events';
import { COUNTED_CONTRACTS } from '../shared/domain/analytics/indicators';
import { MESSAGING_ROUTES } from '../shared/contracts/messaging';
import { NOTIFIED_CONTRACTS } from '../shared/domain/messaging/templates';
import { SUPERVISION_ROUTES } from '../shared/contracts/supervision';
import { APPOINTMENT_ROUTES } from '../shared/contracts/appointments';
import { DELIVERY_ROUTES } from '../shared/contracts/delivery';
import { NOTICE_ROUTES } from '../shared/contracts/notices';
import { RESULT_CONTRACTS } from '../shared/domain/delivery/dispatch';
import { PAYMENT_APPLICANT_ROUTES, PAYMENT_NOTIFICATION_ROUTES } from '../shared/contracts/payments';
import { PAYMENT_CASE_CONTRACTS, paymentPaid } from '../shared/contracts/payment-events';
import { TRACKED_CONTRACTS } from '../shared/domain/supervision/track';
import { OUTBOX_STREAM_FILTER } from '../shared/adapters/outbox';
import { CATALOGUE_READ_SCOPE, MAIN_TABLE, OUTBOX_WRITE_SCOPE, STATUS_LIST_READ_SCOPE, VERIFICATION_READ_SCOPE } from '../shared/db/table';
import { STATUS_CHANGING_LICENCE_EVENTS, STATUS_LIST_PREFIX } from '../shared/domain/licences/status-list-publication';
import type { Topology } from './topology-model';

/**
 * THE declaration of the platform's resources. CDK (infra/stacks) creates exactly these in AWS; the local cloud
 * (infra/local) wires exactly these on one machine; test/infra/topology-parity.test.ts fails if the two differ.
 */
export const topology = {
  tables: {
    main: { design: MAIN_TABLE },
  },

  buckets: {
    attachments: {
      purpose: 'Application materials uploaded by applicants',
      versioned: false,
      abandonedPrefix: 'pending/',
      abandonedAfterDays: 2,
      browserUploads: true,
    },
    licences: { purpose: 'Signed e-licence documents', versioned: true },
    exchange: { purpose: 'Exchange folders (前置机) of departments without a live endpoint', versioned: false },
    analytics: { purpose: 'Every platform event as JSON Lines by date (events/dt=…/), for Athena and upward reporting', versioned: false },
  },

  functions: {
    health: { entry: 'functions/api/health.ts', description: 'Liveness', memoryMb: 256, uses: [] },
    openapi: { entry: 'functions/api/openapi.ts', description: 'The OpenAPI 3.1 document', memoryMb: 512, uses: [] },
    me: { entry: 'functions/api/me.ts', description: 'The caller’s identity', memoryMb: 256, uses: [] },
    catalogue: {
      entry: 'functions/api/catalogue.ts',
      description: 'The public catalogue: search, guides, departments, licence types, calendars',
      memoryMb: 512,
      // The catalogue's keys only: no case, task or person is readable from here.
      uses: [{ table: 'main', access: 'read', scope: CATALOGUE_READ_SCOPE }],
    },
    catalogueAdmin: {
      entry: 'functions/api/catalogue-admin.ts',
      description: 'Catalogue administration: drafts, review, publication, departments, licence types, calendars',
      memoryMb: 512,
      // The compression rule is checked when a matter is published.
      uses: [{ table: 'main', access: 'readWrite' }, { setting: 'compressionRule' }],
    },
    applications: {
      entry: 'functions/api/applications.ts',
      description: 'Applicants and agents (and window officers for their walk-in cases): drafts, materials, submission, corrections, withdrawal, tracking',
      memoryMb: 512,
      uses: [
        { table: 'main', access: 'readWrite' },
        { bucket: 'attachments', access: 'readWrite' },
      ],
    },
    acceptance: {
      entry: 'functions/api/acceptance.ts',
      description: '前台综合受理: the acceptance queue and the window’s decisions; 窗口收件: walk-in cases registered at the counter',
      memoryMb: 512,
      uses: [{ table: 'main', access: 'readWrite' }],
    },
    deemAcceptance: {
      entry: 'functions/workflow/deem-acceptance.ts',
      description: 'Counts cases as accepted when the window did not decide within the limit',
      timeoutSeconds: 60,
      uses: [{ table: 'main', access: 'readWrite' }],
    },
    outboxRelay: {
      entry: 'functions/integration/outbox-relay.ts',
      description: 'Puts the events that commands wrote to the outbox onto the bus (at least once), in requests of at most 256 KB',
      // The table: published outbox items leave the reconciler's index (UpdateItem of OUTBOX# items only).
      uses: [{ bus: 'publish' }, { table: 'main', access: 'readWrite', scope: OUTBOX_WRITE_SCOPE }],
      logAlarms: [{ name: 'EventRefused', message: 'event refused', description: 'The bus refused an outbox event for good (too large or malformed); the reconciler reports it until it is fixed' }],
    },
    tasks: {
      entry: 'functions/api/tasks.ts',
      description: '统一待办: department tasks (list, claim, decide), extension approval, deadlines by date',
      memoryMb: 512,
      uses: [{ table: 'main', access: 'readWrite' }],
    },
    postChecks: {
      entry: 'functions/api/post-checks.ts',
      description: '告知承诺制的事后核查: a department’s post-checks and their results',
      memoryMb: 512,
      uses: [{ table: 'main', access: 'readWrite' }],
    },
    revokeOnBreach: {
      entry: 'functions/workflow/revoke-on-breach.ts',
      description: '告知承诺制: a commitment found false revokes the case’s licence (the register only: no signing key)',
      uses: [{ table: 'main', access: 'readWrite' }],
    },
    redateDeadlines: {
      entry: 'functions/workflow/redate-deadlines.ts',
      description: 'A year’s holiday notice loaded: the deadlines counted Monday to Friday in that year are re-dated by it',
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
      description: 'The outcome of a review or a bundle: approved, rejected (with reasons), withdrawn',
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
    integrationApi: {
      entry: 'functions/integration/api.ts',
      description: 'Departments’ signed callbacks, the delivery log and redelivery; integration settings',
      memoryMb: 512,
      // Longer than a webhook's timeout (≤ 30 s) when an operator redelivers one.
      timeoutSeconds: 30,
      uses: [
        { table: 'main', access: 'readWrite' },
        { secrets: 'platform', access: 'readWrite' },
        { bucket: 'attachments', access: 'read' },
        // Lists the exchange folder's waiting and failed files for department staff; never writes there.
        { bucket: 'exchange', access: 'read' },
      ],
      logAlarms: [{ name: 'DeliveryDead', message: 'delivery dead', description: 'A redelivered webhook failed again' }],
    },
    dispatchIntegration: {
      entry: 'functions/integration/dispatch.ts',
      description: 'A task opened → its department’s system: a signed webhook or a file in its exchange folder',
      memoryMb: 512,
      timeoutSeconds: 60,
      uses: [
        { table: 'main', access: 'readWrite' },
        { secrets: 'platform', access: 'read' },
        { bucket: 'attachments', access: 'read' },
        { bucket: 'exchange', access: 'write' },
      ],
      logAlarms: [{ name: 'DeliveryDead', message: 'delivery dead', description: 'A webhook delivery failed for good' }],
    },
    retryDeliveries: {
      entry: 'functions/integration/retry-deliveries.ts',
      description: 'Every minute: webhook deliveries whose next attempt is due (backoff with jitter, ≥ 24 h)',
      timeoutSeconds: 120,
      uses: [
        { table: 'main', access: 'readWrite' },
        { secrets: 'platform', access: 'read' },
        { bucket: 'attachments', access: 'read' },
      ],
      logAlarms: [{ name: 'DeliveryDead', message: 'delivery dead', description: 'A webhook delivery failed for good: list and redeliver it' }],
    },
    exchangeInbox: {
      entry: 'functions/integration/exchange-inbox.ts',
      description: 'Every minute: signed decision files in the exchange folders, decided once and moved',
      timeoutSeconds: 60,
      uses: [
        { table: 'main', access: 'readWrite' },
        { bucket: 'exchange', access: 'readWrite' },
        // Checks each file's signature with its department's secret.
        { secrets: 'platform', access: 'read' },
      ],
    },
    licenceVerification: {
      entry: 'functions/api/public-licences.ts',
      description: '电子证照, public: verification, the keys (JWKS), the signed status lists as stored; no signing right, no secret',
      memoryMb: 512,
      uses: [
        { table: 'main', access: 'read', scope: VERIFICATION_READ_SCOPE },
        { bucket: 'licences', access: 'read', prefix: STATUS_LIST_PREFIX },
        { signingKey: 'licences', access: 'publicKey' },
      ],
    },
    publishStatusLists: {
      entry: 'functions/workflow/publish-status-lists.ts',
      description: '电子证照: signs the status lists that changed or near their expiry and stores them for the public function (at most one signing per list and change or renewal)',
      timeoutSeconds: 30,
      uses: [
        { table: 'main', access: 'read', scope: STATUS_LIST_READ_SCOPE },
        { bucket: 'licences', access: 'readWrite', prefix: STATUS_LIST_PREFIX },
        { signingKey: 'licences' },
      ],
    },
    licences: {
      entry: 'functions/api/licences.ts',
      description: '电子证照: the wallet, a licence for its holder, department and supervisors, the lifecycle',
      memoryMb: 512,
      timeoutSeconds: 30,
      uses: [
        { table: 'main', access: 'readWrite' },
        { secrets: 'platform', access: 'readWrite' },
        { signingKey: 'licences' },
      ],
    },
    licenceDocuments: {
      entry: 'functions/api/licence-documents.ts',
      description: '电子证照: a licence’s PDF, rendered and stored on first request, handed out by five-minute links',
      memoryMb: 1024,
      timeoutSeconds: 30,
      assets: ['assets/fonts/wqy-microhei.ttc'],
      uses: [
        { table: 'main', access: 'readWrite' },
        { bucket: 'licences', access: 'readWrite' },
        { secrets: 'platform', access: 'readWrite' },
        { signingKey: 'licences' },
      ],
    },
    notices: {
      entry: 'functions/api/notices.ts',
      description: '受理通知书, 不予受理通知书, 补正材料通知书: a case’s written notices as PDF (the embedded font) or JSON for a printable page',
      memoryMb: 1024,
      timeoutSeconds: 30,
      assets: ['assets/fonts/wqy-microhei.ttc'],
      uses: [{ table: 'main', access: 'read' }],
    },
    licenceImport: {
      entry: 'functions/api/licence-import.ts',
      description: '存量入库: existing licences loaded in bulk, validated, signed',
      memoryMb: 1024,
      timeoutSeconds: 300,
      uses: [
        { table: 'main', access: 'readWrite' },
        { secrets: 'platform', access: 'readWrite' },
        { signingKey: 'licences' },
      ],
    },
    issueLicence: {
      entry: 'functions/workflow/issue-licence.ts',
      description: 'The procedure’s last step: the approved case’s licence is signed and registered',
      memoryMb: 512,
      timeoutSeconds: 30,
      uses: [
        { table: 'main', access: 'readWrite' },
        { secrets: 'platform', access: 'readWrite' },
        { signingKey: 'licences' },
      ],
    },
    recordStepFailure: {
      entry: 'functions/workflow/record-step-failure.ts',
      description: 'Every state machine Task’s catch: the failed step is recorded on the case (Application.ReviewFailed.v1)',
      uses: [{ table: 'main', access: 'readWrite' }],
      logAlarms: [{ name: 'StepFailed', message: 'workflow step failed', description: 'A workflow step failed after its retries; the case records it and the reconciler repairs what it can' }],
    },
    reconcile: {
      entry: 'functions/workflow/reconcile.ts',
      description: 'Every 15 minutes: finds and repairs what is stuck (unrelayed events, accepted cases without a review, approved cases without a licence, lost wait tokens)',
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
        { name: 'OutboxUnrelayed', message: 'stuck: outbox-unrelayed', description: 'An outbox event never reached the bus; the reconciler put it again' },
        { name: 'AcceptedWithoutReview', message: 'stuck: accepted-without-review', description: 'An accepted case had no running review; the reconciler started it' },
        { name: 'ApprovedWithoutLicence', message: 'stuck: approved-without-licence', description: 'An approved case waited for its licence with no step running; the reconciler issued it' },
        { name: 'LostWaitToken', message: 'stuck: lost-wait-token', description: 'A decision or payment never resumed its waiting step; the reconciler answered the token' },
      ],
    },
    licenceExpiry: {
      entry: 'functions/workflow/licence-expiry.ts',
      description: 'Daily: Licence.Expired.v1 for the licences whose validity ended yesterday',
      timeoutSeconds: 120,
      uses: [
        { table: 'main', access: 'readWrite' },
        { secrets: 'platform', access: 'readWrite' },
        { signingKey: 'licences' },
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
    engagement: {
      entry: 'functions/api/engagement.ts',
      description: '好差评 and complaints: ratings of completed cases, rectifications of bad ones, complaints and their answers',
      memoryMb: 512,
      uses: [{ table: 'main', access: 'readWrite' }],
    },
    supervisionTrack: {
      entry: 'functions/supervision/track.ts',
      description: '电子监察: a watch on every deadline (tasks, cases, rectifications, complaints), its level and notices',
      timeoutSeconds: 30,
      uses: [{ table: 'main', access: 'readWrite' }],
    },
    supervisionSweep: {
      entry: 'functions/supervision/sweep.ts',
      description: 'Hourly: deadlines that turned yellow or red since the last sweep, read by date through the index; warns while next year’s holiday notice is missing (from 1 November)',
      timeoutSeconds: 120,
      uses: [{ table: 'main', access: 'readWrite' }],
      logAlarms: [
        { name: 'HolidayNoticeMissing', message: 'holiday notice missing', description: 'From 1 November, next year’s State Council holiday notice is not loaded: an administrator loads it (PUT /admin/calendars/{year}, or the workbench’s calendar page); until then deadlines reaching it are provisional' },
      ],
    },
    supervisionApi: {
      entry: 'functions/api/supervision.ts',
      description: 'Warnings and overdue lists per department and region; efficiency per department',
      memoryMb: 512,
      uses: [{ table: 'main', access: 'read' }],
    },
    appointments: {
      entry: 'functions/api/appointments.ts',
      description: '统一预约: halls and free slots; book, reschedule, cancel; check-in at the hall; halls administration',
      memoryMb: 512,
      uses: [{ table: 'main', access: 'readWrite' }],
    },
    appointmentReminders: {
      entry: 'functions/appointments/reminders.ts',
      description: 'Hourly: a reminder for each booking that starts within the reminder window, once',
      timeoutSeconds: 60,
      uses: [{ table: 'main', access: 'readWrite' }],
    },
    appointmentNoShows: {
      entry: 'functions/appointments/no-shows.ts',
      description: 'Hourly: bookings not checked in within the grace period are recorded as no-shows',
      timeoutSeconds: 60,
      uses: [{ table: 'main', access: 'readWrite' }],
    },
    paymentsApi: {
      entry: 'functions/api/payments.ts',
      description: '非税支付: the case’s fee order and its notifications; a new order after one expired or failed',
      memoryMb: 512,
      uses: [
        { table: 'main', access: 'readWrite' },
        { external: 'payments' },
      ],
    },
    paymentNotifications: {
      entry: 'functions/payments/notifications.ts',
      description: 'The payment provider’s signed notifications (paid, failed, expired, refunded), verified first, applied once',
      memoryMb: 512,
      timeoutSeconds: 30,
      uses: [
        { table: 'main', access: 'readWrite' },
        { external: 'payments' },
        { secrets: 'platform', access: 'read' },
        { stateMachine: 'procedure', access: 'taskResponse' },
      ],
    },
    paymentCaseEvents: {
      entry: 'functions/payments/case-events.ts',
      description: 'A fee order when a charged case is accepted; a refund or cancellation when it is rejected or withdrawn',
      timeoutSeconds: 30,
      uses: [
        { table: 'main', access: 'readWrite' },
        { external: 'payments' },
      ],
    },
    paymentResume: {
      entry: 'functions/payments/resume-on-paid.ts',
      description: 'A payment resumes the procedure waiting for it before issuance (at least once, from the event)',
      timeoutSeconds: 30,
      uses: [
        { table: 'main', access: 'readWrite' },
        { external: 'payments' },
        { stateMachine: 'procedure', access: 'taskResponse' },
      ],
    },
    awaitPayment: {
      entry: 'functions/workflow/await-payment.ts',
      description: 'The procedure’s step before issuance: answered at once when nothing is owed, else it waits for the payment',
      uses: [
        { table: 'main', access: 'readWrite' },
        { external: 'payments' },
        { stateMachine: 'procedure', access: 'taskResponse' },
      ],
    },
    delivery: {
      entry: 'functions/api/delivery.ts',
      description: '统一出件: window pickup or post (with its address), the tracking, and the window’s pickup confirmation',
      memoryMb: 512,
      uses: [{ table: 'main', access: 'readWrite' }],
    },
    deliverOnResult: {
      entry: 'functions/delivery/on-result.ts',
      description: 'A result is ready (licence issued, or approval of a matter without licence): shipped or ready for pickup, once',
      timeoutSeconds: 30,
      uses: [
        { table: 'main', access: 'readWrite' },
        { external: 'courier' },
      ],
    },
    trackShipments: {
      entry: 'functions/delivery/track-shipments.ts',
      description: 'Every 30 minutes: the courier’s news of each open shipment (in transit, delivered, returned), applied once',
      timeoutSeconds: 120,
      uses: [
        { table: 'main', access: 'readWrite' },
        { external: 'courier' },
      ],
    },
    notify: {
      entry: 'functions/messaging/notify.ts',
      description: '统一消息: events to the people they concern (inbox, SMS, e-mail), from templates, once per event and channel',
      timeoutSeconds: 30,
      uses: [
        { table: 'main', access: 'readWrite' },
        { messaging: 'sms' },
        { messaging: 'email' },
      ],
    },
    messaging: {
      entry: 'functions/api/messaging.ts',
      description: 'The inbox (list, mark read) and contact preferences; departments heads’ contacts',
      uses: [{ table: 'main', access: 'readWrite' }],
    },
    analyticsRecord: {
      entry: 'functions/analytics/record.ts',
      description: 'Counts every event into the indicators (day × matter × department × region × channel), once per event',
      timeoutSeconds: 30,
      uses: [{ table: 'main', access: 'readWrite' }],
    },
    analyticsArchive: {
      entry: 'functions/analytics/archive.ts',
      description: 'Archives every event to S3 as JSON Lines by date (the Athena table reads them)',
      uses: [{ bucket: 'analytics', access: 'write' }],
    },
    stats: {
      entry: 'functions/api/stats.ts',
      description: 'Statistics: the indicators over a date range, grouped by day, matter, department, region or channel',
      memoryMb: 512,
      timeoutSeconds: 30,
      // The 时限压缩 report measures matters against the same compression rule.
      uses: [{ table: 'main', access: 'read' }, { setting: 'compressionRule' }],
    },
  },

  routes: [
    { route: healthRoute, function: 'health' },
    { route: openApiRoute, function: 'openapi' },
    { route: meRoute, function: 'me' },
    ...PUBLIC_CATALOGUE_ROUTES.map((route) => ({ route, function: 'catalogue' })),
    ...ADMIN_CATALOGUE_ROUTES.map((route) => ({ route, function: 'catalogueAdmin' })),
    ...APPLICANT_ROUTES.map((route) => ({ route, function: 'applications' })),
    ...ACCEPTANCE_ROUTES.map((route) => ({ route, function: 'acceptance' })),
    ...WORKFLOW_ROUTES.map((route) => ({ route, function: 'tasks' })),
    ...POST_CHECK_ROUTES.map((route) => ({ route, function: 'postChecks' })),
    ...INTEGRATION_ROUTES.map((route) => ({ route, function: 'integrationApi' })),
    ...PUBLIC_LICENCE_ROUTES.map((route) => ({ route, function: 'licenceVerification' })),
    ...LICENCE_ROUTES.map((route) => ({ route, function: 'licences' })),
    ...LICENCE_DOCUMENT_ROUTES.map((route) => ({ route, function: 'licenceDocuments' })),
    { route: importLicencesRoute, function: 'licenceImport' },
    ...ENGAGEMENT_ROUTES.map((route) => ({ route, function: 'engagement' })),
    ...STATS_ROUTES.map((route) => ({ route, function: 'stats' })),
    ...MESSAGING_ROUTES.map((route) => ({ route, function: 'messaging' })),
    ...SUPERVISION_ROUTES.map((route) => ({ route, function: 'supervisionApi' })),
    ...APPOINTMENT_ROUTES.map((route) => ({ route, function: 'appointments' })),
    ...DELIVERY_ROUTES.map((route) => ({ route, function: 'delivery' })),
    ...PAYMENT_APPLICANT_ROUTES.map((route) => ({ route, function: 'paymentsApi' })),
    ...PAYMENT_NOTIFICATION_ROUTES.map((route) => ({ route, function: 'paymentNotifications' })),
    ...NOTICE_ROUTES.map((route) => ({ route, function: 'notices' })),
  ],

  stateMachines: {
    procedure: {
      definition: 'statemachines/procedure.asl.json',
      description: 'A case’s departmental review: stages in order, tasks in parallel, each on a task token',
      substitutions: {
        OpenDepartmentTaskFunctionArn: { functionArn: 'openDepartmentTask' },
        EscalateTaskFunctionArn: { functionArn: 'escalateTask' },
        CloseReviewFunctionArn: { functionArn: 'closeReview' },
        AwaitPaymentFunctionArn: { functionArn: 'awaitPayment' },
        IssueLicenceFunctionArn: { functionArn: 'issueLicence' },
        RecordStepFailureFunctionArn: { functionArn: 'recordStepFailure' },
      },
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

  rules: [
    {
      name: 'start-review-on-acceptance',
      description: 'An accepted case enters review: its procedure (or its bundle) starts',
      pattern: { source: [applicationAccepted.source], 'detail-type': [applicationAccepted.detailType] },
      target: { function: 'startReview' },
    },
    {
      name: 'resume-workflow-on-decision',
      description: 'A department’s decision resumes its waiting task; a withdrawal stops the case’s tasks',
      pattern: {
        source: [taskDecided.source, applicationWithdrawn.source],
        'detail-type': [taskDecided.detailType, applicationWithdrawn.detailType],
      },
      target: { function: 'resumeWorkflow' },
    },
    {
      name: 'commitment-breached',
      description: '告知承诺制: a commitment found false on its post-check revokes the licence',
      pattern: { source: [commitmentBreached.source], 'detail-type': [commitmentBreached.detailType] },
      target: { function: 'revokeOnBreach' },
    },
    {
      name: 'redate-deadlines-on-calendar',
      description: 'A holiday notice loaded: provisional deadlines in its year are re-dated',
      pattern: { source: [calendarLoaded.source], 'detail-type': [calendarLoaded.detailType] },
      target: { function: 'redateDeadlines' },
    },
    {
      name: 'bundle-member-completed',
      description: 'A member case of a bundle completed: the bundle moves on',
      pattern: {
        source: [applicationApproved.source, applicationWithdrawn.source],
        'detail-type': [applicationApproved.detailType, applicationRejected.detailType, applicationWithdrawn.detailType],
        detail: { parentCaseId: [{ exists: true }] },
      },
      target: { function: 'memberCompleted' },
    },
    {
      name: 'dispatch-task-to-department',
      description: 'A task opened reaches its department’s own system (webhook or exchange folder)',
      pattern: { source: [taskOpened.source], 'detail-type': [taskOpened.detailType] },
      target: { function: 'dispatchIntegration' },
    },
    {
      name: 'supervision-track',
      description: 'Supervision: deadlines opened, paused, moved and closed, from the events that change them',
      pattern: patternFor(TRACKED_CONTRACTS),
      target: { function: 'supervisionTrack' },
    },
    {
      name: 'payment-orders',
      description: 'Payments: a charged case accepted gets its fee order; a paid case rejected or withdrawn is refunded',
      pattern: patternFor(PAYMENT_CASE_CONTRACTS),
      target: { function: 'paymentCaseEvents' },
    },
    {
      name: 'resume-on-payment',
      description: 'Payments: a paid fee resumes the procedure waiting before issuance',
      pattern: patternFor([paymentPaid]),
      target: { function: 'paymentResume' },
    },
    {
      name: 'deliver-on-result',
      description: 'Delivery: a ready result is shipped by post or made ready for pickup at the window',
      pattern: patternFor(RESULT_CONTRACTS),
      target: { function: 'deliverOnResult' },
    },
    {
      name: 'notify-people',
      description: 'Messaging: every status change that matters to a person reaches them',
      pattern: patternFor(NOTIFIED_CONTRACTS),
      target: { function: 'notify' },
    },
    {
      name: 'count-indicators',
      description: 'Analytics: each event that moves an indicator is counted once',
      pattern: patternFor(COUNTED_CONTRACTS),
      target: { function: 'analyticsRecord' },
    },
    {
      name: 'publish-status-lists',
      description: 'Licences: a revocation, suspension, resumption or new version gets its status list signed and stored at once',
      pattern: patternFor(STATUS_CHANGING_LICENCE_EVENTS),
      target: { function: 'publishStatusLists' },
    },
    {
      name: 'archive-events',
      description: 'Analytics: every event archived as a JSON line under its date',
      pattern: patternFor(ALL_EVENT_CONTRACTS),
      target: { function: 'analyticsArchive' },
    },
  ],

  schedules: [
    {
      name: 'deem-acceptance',
      description: 'Hourly: cases past their acceptance deadline count as accepted',
      expression: 'rate(1 hour)',
      target: { function: 'deemAcceptance' },
    },
    {
      name: 'retry-deliveries',
      description: 'Every minute: webhook deliveries due for another attempt',
      expression: 'rate(1 minute)',
      target: { function: 'retryDeliveries' },
    },
    {
      name: 'licence-expiry',
      description: 'Daily at 00:30: licences that expired yesterday are announced',
      expression: 'cron(30 0 * * ? *)',
      target: { function: 'licenceExpiry' },
    },
    {
      name: 'renew-status-lists',
      description: 'Every 5 minutes: status lists with less than a third of their validity left are signed again',
      expression: 'rate(5 minutes)',
      target: { function: 'publishStatusLists' },
    },
    {
      name: 'exchange-inbox',
      description: 'Every minute: decision files dropped in the exchange folders',
      expression: 'rate(1 minute)',
      target: { function: 'exchangeInbox' },
    },
    {
      name: 'supervision-sweep',
      description: 'Hourly: deadlines that turned yellow or red are flagged and their departments told',
      expression: 'rate(1 hour)',
      target: { function: 'supervisionSweep' },
    },
    {
      name: 'reconcile',
      description: 'Every 15 minutes: what is stuck is found, counted (an alarm per kind) and repaired',
      expression: 'rate(15 minutes)',
      target: { function: 'reconcile' },
    },
    {
      name: 'track-shipments',
      description: 'Every 30 minutes: open shipments are tracked with the courier',
      expression: 'rate(30 minutes)',
      target: { function: 'trackShipments' },
    },
    {
      name: 'appointment-reminders',
      description: 'Hourly, on the hour: reminders for the bookings of the next hours',
      expression: 'cron(0 * * * ? *)',
      target: { function: 'appointmentReminders' },
    },
    {
      name: 'appointment-no-shows',
      description: 'Hourly, on the hour: bookings past their grace period without a check-in',
      expression: 'cron(0 * * * ? *)',
      target: { function: 'appointmentNoShows' },
    },
  ],

  streams: [
    {
      name: 'outbox',
      description: 'New outbox items, in commit order, to the bus',
      table: 'main',
      function: 'outboxRelay',
      filter: OUTBOX_STREAM_FILTER,
      batchSize: 10,
    },
  ],
} as const satisfies Topology;
