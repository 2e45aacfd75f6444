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
import { identityKey } from '../../shared/domain/applications/access';
import * as cases from '../../shared/domain/applications/commands';
import { makeCommitment } from '../../shared/domain/applications/commitment';
import { caseView } from '../../shared/domain/applications/view';
import { HttpResponse, httpRouter, route } from '../../shared/lambda/http';

const deps = applicationDepsWithFiles();

/** Applicants and agents: drafts, materials, submission, corrections, withdrawal, tracking, authorisations. */
export const handler = httpRouter([
  route(createApplicationRoute, async ({ body, principal }) => new HttpResponse(caseView(await cases.createApplication(body, principal, deps)), 201)),
  route(updateDraftRoute, async ({ params, body, principal }) => caseView(await cases.updateDraft(params.id, body.form, principal, deps))),
  route(commitmentRoute, async ({ params, body, principal }) => caseView(await makeCommitment(params.id, body, principal, deps))),
  route(startUploadRoute, async ({ params, body, principal }) => {
    const { uploadId, url, fields, expiresAt } = await cases.startUpload(params.id, body, principal, deps);
    return new HttpResponse({ uploadId, url, fields, expiresAt }, 201);
  }),
  route(confirmUploadRoute, async ({ params, principal }) => caseView(await cases.confirmUpload(params.id, params.uploadId, principal, deps))),
  route(downloadAttachmentRoute, ({ params, principal }) => cases.downloadUrl(params.id, params.uploadId, principal, deps)),
  route(licenceReferenceRoute, async ({ params, body, principal }) => caseView(await cases.referenceLicence(params.id, body, principal, deps))),
  route(submitRoute, async ({ params, body, headers, principal }) => caseView(await cases.submit(params.id, body, principal, deps, headers['idempotency-key']))),
  route(resubmitRoute, async ({ params, body, principal }) => caseView(await cases.resubmit(params.id, body, principal, deps))),
  route(withdrawRoute, async ({ params, body, principal }) => caseView(await cases.withdraw(params.id, body, principal, deps))),
  route(myCasesRoute, async ({ query, principal }) => {
    const page = await cases.myCases(principal, query, deps);
    return { items: page.items.map(caseView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }),
  route(getCaseRoute, async ({ params, principal }) => caseView(await cases.getCase(params.id, principal, deps))),
  route(timelineRoute, ({ params, principal }) => cases.timeline(params.id, principal, deps)),
  route(authoriseAgentRoute, async ({ body, principal }) => {
    const { agentSub, matters, until, createdAt } = await cases.authoriseAgent(body, principal, deps);
    return new HttpResponse({ agentSub, matters: [...matters], until, createdAt }, 201);
  }),
  route(listAuthorisationsRoute, async ({ principal }) => ({
    items: (await deps.cases.listAuthorisations(identityKey(principal) ?? '-')).map(({ agentSub, matters, until, createdAt }) => ({ agentSub, matters: [...matters], until, createdAt })),
  })),
  route(revokeAuthorisationRoute, async ({ params, principal }) => {
    await deps.cases.deleteAuthorisation(identityKey(principal) ?? '-', params.agentSub);
    return { revoked: true as const };
  }),
]);
