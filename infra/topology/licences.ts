import {
  importLicencesRoute,
  LICENCE_DOCUMENT_ROUTES,
  LICENCE_ROUTES,
  PUBLIC_LICENCE_ROUTES,
} from '../../shared/contracts/licences';
import { STATUS_LIST_READ_SCOPE, VERIFICATION_READ_SCOPE } from '../../shared/db/table';
import { STATUS_LIST_PREFIX } from '../../shared/domain/licences/status-list-publication';
import type { Topology } from '../topology-model';

/** 电子证照: issuing, the register, documents, import, status lists and public verification. */
export const licences = {
  functions: {
    licenceVerification: {
      entry: 'functions/licences/public-licences-api.ts',
      description:
        '电子证照, public: verification, the keys (JWKS), the signed status lists as stored; no signing right, no secret',
      memoryMb: 512,
      uses: [
        { table: 'main', access: 'read', scope: VERIFICATION_READ_SCOPE },
        { bucket: 'licences', access: 'read', prefix: STATUS_LIST_PREFIX },
        { signingKey: 'licences', access: 'publicKey' },
      ],
    },
    publishStatusLists: {
      entry: 'functions/licences/publish-status-lists.ts',
      description:
        '电子证照: signs the status lists that changed or near their expiry and stores them for the public function (at ' +
        'most one signing per list and change or renewal)',
      timeoutSeconds: 30,
      uses: [
        { table: 'main', access: 'read', scope: STATUS_LIST_READ_SCOPE },
        { bucket: 'licences', access: 'readWrite', prefix: STATUS_LIST_PREFIX },
        { signingKey: 'licences' },
      ],
    },
    licences: {
      entry: 'functions/licences/licences-api.ts',
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
      entry: 'functions/licences/licence-documents-api.ts',
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
    licenceImport: {
      entry: 'functions/licences/licence-import-api.ts',
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
      entry: 'functions/licences/issue-licence.ts',
      description:
        'An approved case that owes nothing, or whose fee is paid, gets its licence signed and registered (from the ' +
        'events); also the IssueLicence step of executions started on the earlier procedure',
      memoryMb: 512,
      timeoutSeconds: 30,
      uses: [
        { table: 'main', access: 'readWrite' },
        { secrets: 'platform', access: 'readWrite' },
        { signingKey: 'licences' },
      ],
    },
    licenceExpiry: {
      entry: 'functions/licences/licence-expiry.ts',
      description: 'Daily: Licence.Expired.v1 for the licences whose validity ended yesterday',
      timeoutSeconds: 120,
      uses: [
        { table: 'main', access: 'readWrite' },
        { secrets: 'platform', access: 'readWrite' },
        { signingKey: 'licences' },
      ],
    },
  },

  routes: [
    ...PUBLIC_LICENCE_ROUTES.map((route) => ({ route, function: 'licenceVerification' })),
    ...LICENCE_ROUTES.map((route) => ({ route, function: 'licences' })),
    ...LICENCE_DOCUMENT_ROUTES.map((route) => ({ route, function: 'licenceDocuments' })),
    { route: importLicencesRoute, function: 'licenceImport' },
  ],
} as const satisfies Pick<Topology, 'functions' | 'routes'>;
