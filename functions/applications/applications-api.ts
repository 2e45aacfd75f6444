import { applicationDepsWithFiles } from '../../shared/adapters/application-file-deps';
import {
  authoriseAgentRoute,
  commitmentRoute,
  confirmUploadRoute,
  createApplicationRoute,
  downloadAttachmentRoute,
  getCaseRoute,
  licenceReferenceRoute,
  listAuthorisationsRoute,
  myCasesRoute,
  resubmitRoute,
  revokeAuthorisationRoute,
  startUploadRoute,
  submitRoute,
  timelineRoute,
  updateDraftRoute,
  withdrawRoute,
} from '../../shared/contracts/applications';
import { authoriseAgent, listAuthorisations, revokeAuthorisation } from '../../shared/domain/applications/agents';
import { makeCommitment } from '../../shared/domain/applications/commitment';
import { createApplication, updateDraft } from '../../shared/domain/applications/drafts';
import {
  confirmUpload,
  downloadUrl,
  referenceLicence,
  startUpload,
} from '../../shared/domain/applications/material-files';
import { resubmit } from '../../shared/domain/applications/resubmit';
import { submit } from '../../shared/domain/applications/submit';
import { getCase, myCases, timeline } from '../../shared/domain/applications/tracking';
import { authorisationView, caseView, pageView } from '../../shared/domain/applications/view';
import { withdraw } from '../../shared/domain/applications/withdraw';
import { HttpResponse, httpRouter, route } from '../../shared/lambda/http';

const deps = applicationDepsWithFiles();

/** Applicants and agents: drafts, materials, submission, corrections, withdrawal, tracking, authorisations. */
export const handler = httpRouter([
  route(
    createApplicationRoute,
    async ({ body, principal }) => new HttpResponse(caseView(await createApplication(body, principal, deps)), 201),
  ),
  route(updateDraftRoute, async ({ params, body, principal }) =>
    caseView(await updateDraft(params.id, body.form, principal, deps)),
  ),
  route(commitmentRoute, async ({ params, body, principal }) =>
    caseView(await makeCommitment(params.id, body, principal, deps)),
  ),
  route(startUploadRoute, async ({ params, body, principal }) => {
    const { uploadId, url, fields, expiresAt } = await startUpload(params.id, body, principal, deps);
    return new HttpResponse({ uploadId, url, fields, expiresAt }, 201);
  }),
  route(confirmUploadRoute, async ({ params, principal }) =>
    caseView(await confirmUpload(params.id, params.uploadId, principal, deps)),
  ),
  route(downloadAttachmentRoute, ({ params, principal }) => downloadUrl(params.id, params.uploadId, principal, deps)),
  route(licenceReferenceRoute, async ({ params, body, principal }) =>
    caseView(await referenceLicence(params.id, body, principal, deps)),
  ),
  route(submitRoute, async ({ params, body, headers, principal }) =>
    caseView(await submit(params.id, body, principal, deps, headers['idempotency-key'])),
  ),
  route(resubmitRoute, async ({ params, body, principal }) =>
    caseView(await resubmit(params.id, body, principal, deps)),
  ),
  route(withdrawRoute, async ({ params, body, principal }) =>
    caseView(await withdraw(params.id, body, principal, deps)),
  ),
  route(myCasesRoute, async ({ query, principal }) => pageView(await myCases(principal, query, deps), caseView)),
  route(getCaseRoute, async ({ params, principal }) => caseView(await getCase(params.id, principal, deps))),
  route(timelineRoute, ({ params, principal }) => timeline(params.id, principal, deps)),
  route(
    authoriseAgentRoute,
    async ({ body, principal }) =>
      new HttpResponse(authorisationView(await authoriseAgent(body, principal, deps)), 201),
  ),
  route(listAuthorisationsRoute, async ({ principal }) => ({
    items: (await listAuthorisations(principal, deps)).map(authorisationView),
  })),
  route(revokeAuthorisationRoute, async ({ params, principal }) => {
    await revokeAuthorisation(params.agentSub, principal, deps);
    return { revoked: true as const };
  }),
]);
