import { engagementDeps } from '../../shared/adapters/engagement-deps';
import {
  answerComplaintRoute,
  answerRectificationRoute,
  complaintStatusRoute,
  getRatingRoute,
  listComplaintsRoute,
  listRectificationsRoute,
  rateCaseRoute,
  submitComplaintRoute,
  submitMyComplaintRoute,
} from '../../shared/contracts/engagement';
import {
  answerComplaint,
  complaintStatus,
  listComplaints,
  submitComplaint,
} from '../../shared/domain/engagement/complaints';
import { getRating, rateCase } from '../../shared/domain/engagement/ratings';
import { answerRectification, listRectifications } from '../../shared/domain/engagement/rectifications';
import { HttpResponse, httpRouter, route } from '../../shared/lambda/http';

const deps = engagementDeps();

/** 好差评, 差评整改 and complaints: applicants rate, departments answer, the public complains, supervisors watch. */
export const handler = httpRouter([
  route(
    rateCaseRoute,
    async ({ params, body, principal }) => new HttpResponse(await rateCase(params.id, body, principal, deps), 201),
  ),
  route(getRatingRoute, ({ params, principal }) => getRating(params.id, principal, deps)),
  route(listRectificationsRoute, ({ query, principal }) => listRectifications(principal, query, deps)),
  route(answerRectificationRoute, ({ params, body, principal }) =>
    answerRectification(params.id, body, principal, deps),
  ),
  // Public: no principal, so no complainant subject (the contact details are how the answer reaches them).
  route(submitComplaintRoute, async ({ body }) => new HttpResponse(await submitComplaint(body, undefined, deps), 201)),
  route(
    submitMyComplaintRoute,
    async ({ body, principal }) => new HttpResponse(await submitComplaint(body, principal, deps), 201),
  ),
  route(complaintStatusRoute, ({ params, query }) => complaintStatus(params.id, query.code, deps)),
  route(listComplaintsRoute, ({ query, principal }) => listComplaints(principal, query, deps)),
  route(answerComplaintRoute, ({ params, body, principal }) => answerComplaint(params.id, body, principal, deps)),
]);
