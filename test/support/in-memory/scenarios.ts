import { createHash } from 'node:crypto';
import type { Principal } from '../../../shared/auth/principal';
import { decideAcceptance } from '../../../shared/domain/applications/acceptance';
import { createApplication } from '../../../shared/domain/applications/drafts';
import { confirmUpload, startUpload } from '../../../shared/domain/applications/material-files';
import { submit } from '../../../shared/domain/applications/submit';
import type { CaseRecord } from '../../../shared/domain/applications/model';
import { templateOfCase } from '../../../shared/domain/applications/template';
import { openTask } from '../../../shared/domain/workflow/department-tasks';
import { startReview } from '../../../shared/domain/workflow/start-review';
import type { DepartmentTask } from '../../../shared/domain/workflow/task';
import { FOOD_FORM } from '../food-case';
import { PRINCIPALS, type InMemoryWorld } from './world';

/**
 * Cases brought to a state through the use cases themselves (no hand-made records), for the unit tests of the next
 * step. 食品经营许可 (FOOD-BUSINESS-LICENCE) is accepted at the window and reviewed by SAMR and HEALTH in parallel,
 * then by SAMR twice; its health certificates are tolerable (容缺).
 */
export const FOOD = 'FOOD-BUSINESS-LICENCE';
/** The food matter's required materials other than the tolerable health certificates. */
export const FOOD_REQUIRED = [
  'businessLicence',
  'legalRepIdCard',
  'floorPlan',
  'equipmentList',
  'foodSafetyRules',
] as const;

/** The smallest files the platform takes as a PDF and as a PNG (their magic bytes). */
export const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
export const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR'),
  Buffer.alloc(32, 7),
]);

/** Uploads a file for a material as the browser would (presigned slot, POST, confirmation); returns the case. */
export async function uploadFile(
  world: InMemoryWorld,
  caseId: string,
  material: string,
  as: Principal = PRINCIPALS.enterprise,
  file: Buffer = PDF,
): Promise<CaseRecord> {
  const png = file === PNG;
  const contentType = png ? 'image/png' : 'application/pdf';
  const input = {
    material,
    fileName: `${material}.${png ? 'png' : 'pdf'}`,
    contentType,
    size: file.length,
    sha256: createHash('sha256').update(file).digest('base64'),
  };
  const slot = await startUpload(caseId, input, as, world.deps);
  world.attachments.receive(slot, file, contentType);
  return confirmUpload(caseId, slot.uploadId, as, world.deps);
}

/** A food-business draft of the demo enterprise with its form filled in and `materials` uploaded. */
export async function foodDraft(
  world: InMemoryWorld,
  materials: readonly string[] = FOOD_REQUIRED,
): Promise<CaseRecord> {
  let record = await createApplication({ matterCode: FOOD, form: FOOD_FORM }, PRINCIPALS.enterprise, world.deps);
  for (const material of materials) record = await uploadFile(world, record.id, material);
  return record;
}

/** Submitted and waiting for the window (the health certificates still to come). */
export async function submittedFoodCase(world: InMemoryWorld): Promise<CaseRecord> {
  return submit((await foodDraft(world)).id, {}, PRINCIPALS.enterprise, world.deps);
}

/** Accepted at the window with every material there. */
export async function acceptedFoodCase(world: InMemoryWorld): Promise<CaseRecord> {
  const draft = await foodDraft(world, [...FOOD_REQUIRED, 'healthCertificates']);
  await submit(draft.id, {}, PRINCIPALS.enterprise, world.deps);
  return decideAcceptance(draft.id, { decision: 'accept' }, PRINCIPALS.window, world.deps);
}

/**
 * An accepted case in review with its first stage's tasks open, as the procedure state machine opens them (one
 * task token each): returns the case and the tasks by department.
 */
export async function caseInReview(
  world: InMemoryWorld,
  accepted: CaseRecord,
): Promise<{ record: CaseRecord; tasks: Record<string, DepartmentTask> }> {
  await startReview(accepted.id, world.deps);
  const template = await templateOfCase(world.deps.matters, accepted);
  for (const task of template.matter!.procedure.stages[0]!.tasks) {
    await openTask({ caseId: accepted.id, stageIndex: 0, task, taskToken: `token-${task.department}-0` }, world.deps);
  }
  const tasks = Object.fromEntries((await world.cases.tasksOf(accepted.id)).map((t) => [t.department, t]));
  return { record: (await world.cases.get(accepted.id))!, tasks };
}
