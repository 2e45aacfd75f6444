import { ACCEPTANCE_ROUTES } from '../../shared/contracts/acceptance';
import { APPLICANT_ROUTES } from '../../shared/contracts/applications';
import { POST_CHECK_ROUTES } from '../../shared/contracts/post-checks';
import { NOTICE_ROUTES } from '../../shared/contracts/notices';
import type { Topology } from '../topology-model';

/** Applications: drafts to submission, acceptance at the window, post-checks, written notices. */
export const applications = {
  functions: {
    applications: {
      entry: 'functions/applications/applications-api.ts',
      description:
        'Applicants and agents (and window officers for their walk-in cases): drafts, materials, submission, ' +
        'corrections, withdrawal, tracking',
      memoryMb: 512,
      uses: [
        { table: 'main', access: 'readWrite' },
        { bucket: 'attachments', access: 'readWrite' },
      ],
    },
    acceptance: {
      entry: 'functions/applications/acceptance-api.ts',
      description:
        '前台综合受理: the acceptance queue and the window’s decisions; 窗口收件: walk-in cases registered at the counter',
      memoryMb: 512,
      uses: [{ table: 'main', access: 'readWrite' }],
    },
    deemAcceptance: {
      entry: 'functions/applications/deem-acceptance.ts',
      description: 'Counts cases as accepted when the window did not decide within the limit',
      timeoutSeconds: 60,
      uses: [{ table: 'main', access: 'readWrite' }],
    },
    postChecks: {
      entry: 'functions/applications/post-checks-api.ts',
      description: '告知承诺制的事后核查: a department’s post-checks and their results',
      memoryMb: 512,
      uses: [{ table: 'main', access: 'readWrite' }],
    },
    notices: {
      entry: 'functions/applications/notices-api.ts',
      description:
        '受理通知书, 不予受理通知书, 补正材料通知书: a case’s written notices as PDF (the embedded font) or JSON for a printable page',
      memoryMb: 1024,
      timeoutSeconds: 30,
      assets: ['assets/fonts/wqy-microhei.ttc'],
      uses: [{ table: 'main', access: 'read' }],
    },
  },

  routes: [
    ...APPLICANT_ROUTES.map((route) => ({ route, function: 'applications' })),
    ...ACCEPTANCE_ROUTES.map((route) => ({ route, function: 'acceptance' })),
    ...POST_CHECK_ROUTES.map((route) => ({ route, function: 'postChecks' })),
    ...NOTICE_ROUTES.map((route) => ({ route, function: 'notices' })),
  ],
} as const satisfies Pick<Topology, 'functions' | 'routes'>;
