import { randomUUID } from 'node:crypto';
import type { Principal } from '../../auth/principal';
import {
  ConflictError,
  NotFoundError,
  PayloadTooLargeError,
  RuleViolationError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../errors';
import { checkReusable } from '../licences/register';
import { reachCase } from './access';
import { actorOf, apply, retryOnConflict } from './changes';
import { detectFileType, fileTypeForDeclared } from './file-types';
import { loadCase, requireActingOwner } from './load';
import { holderKeysOf } from './materials';
import type { CaseRecord } from './model';
import type { ApplicationDeps } from './ports';
import { templateOfCase } from './template';

/** A case's materials handed in: files uploaded and checked, downloaded, and (免证) licences instead of files. */

const uploadKey = (caseId: string, uploadId: string) => `pending/${caseId}/${uploadId}`;

export async function startUpload(
  id: string,
  input: { material: string; fileName: string; contentType: string; size: number; sha256: string },
  principal: Principal,
  deps: ApplicationDeps,
) {
  const record = await requireActingOwner(id, principal, deps);
  const template = await templateOfCase(deps.matters, record);
  const material = template.materials.find((m) => m.code === input.material);
  if (!material)
    throw new ValidationError(`No material ${input.material} in this ${template.kind}`, [
      { path: 'body.material', rule: 'exists', message: `one of ${template.materials.map((m) => m.code).join(', ')}` },
    ]);
  requireMaterialsOpen(record, material.code);
  const type = fileTypeForDeclared(input.fileName, input.contentType);
  if (!type || !material.fileTypes.includes(type)) {
    throw new UnsupportedMediaTypeError(`${material.name} accepts ${material.fileTypes.join(', ')}`, [
      { path: 'body.contentType', rule: 'fileType', message: `accepted: ${material.fileTypes.join(', ')}` },
    ]);
  }
  const maxBytes = Math.floor(material.maxSizeMb * 1024 * 1024);
  if (input.size > maxBytes)
    throw new PayloadTooLargeError(`${material.name} may be at most ${material.maxSizeMb} MB`, [
      { path: 'body.size', rule: 'max', message: `at most ${maxBytes} bytes` },
    ]);
  if ((record.materials[material.code]?.files.length ?? 0) >= material.maxCount) {
    throw new RuleViolationError(`${material.name} takes at most ${material.maxCount} file(s)`, [
      { path: 'body.material', rule: 'maxCount', message: `at most ${material.maxCount}` },
    ]);
  }
  const uploadId = randomUUID();
  const key = uploadKey(record.id, uploadId);
  const presigned = await deps.attachments.presignUpload({
    key,
    contentType: input.contentType,
    maxBytes: input.size,
    sha256Base64: input.sha256,
    expiresInSeconds: 900,
  });
  await deps.cases.putUpload({
    caseId: record.id,
    uploadId,
    material: material.code,
    key,
    fileName: input.fileName,
    contentType: input.contentType,
    size: input.size,
    sha256: input.sha256,
    createdAt: deps.now().toISOString(),
  });
  return { uploadId, ...presigned };
}

/** Files are added while the applicant is filling in or correcting, and 容缺 materials until the decision. */
function requireMaterialsOpen(record: CaseRecord, material: string): void {
  const open = ['DRAFT', 'CORRECTION_REQUESTED', 'RETURNED'].includes(record.status);
  const tolerated = ['ACCEPTED', 'IN_REVIEW'].includes(record.status) && (record.tolerated ?? []).includes(material);
  if (!open && !tolerated)
    throw new ConflictError(
      `Materials can be added to a draft, during corrections, or (容缺 materials) before the decision, not in status ${record.status}`,
    );
}

/**
 * After the browser's upload: the platform checks what arrived (size, checksum, and the real type by its magic
 * bytes). A file that lies about its type is refused and removed; a good one moves out of pending/ into the case.
 * An edit that meets another's commit is applied again to the case as it now stands (retryOnConflict).
 */
export function confirmUpload(
  id: string,
  uploadId: string,
  principal: Principal,
  deps: ApplicationDeps,
): Promise<CaseRecord> {
  return retryOnConflict(() => confirmUploadOnce(id, uploadId, principal, deps));
}

async function confirmUploadOnce(
  id: string,
  uploadId: string,
  principal: Principal,
  deps: ApplicationDeps,
): Promise<CaseRecord> {
  // The case and the pending upload are read together (the upload is used only once the case is reachable).
  const [record, upload] = await Promise.all([
    requireActingOwner(id, principal, deps),
    deps.cases.getUpload(id, uploadId),
  ]);
  // Safe to repeat after a crash at any step (copy, commit, clean-up): once the case holds the file, a repeat only
  // finishes the clean-up and answers the same case.
  if (Object.values(record.materials).some((m) => m.files.some((f) => f.uploadId === uploadId))) {
    await Promise.all([
      deps.attachments.remove(uploadKey(record.id, uploadId)),
      deps.cases.deleteUpload(record.id, uploadId),
    ]);
    return record;
  }
  if (!upload) throw new NotFoundError(`No upload ${uploadId} on this case`);
  const key = `cases/${record.id}/${upload.material}/${uploadId}`;
  // A file already moved by an attempt that crashed before its commit is checked where it now lies.
  const stored = (await deps.attachments.inspect(upload.key)) ?? (await deps.attachments.inspect(key));
  if (!stored) throw new ConflictError('Nothing was uploaded yet; POST the file to the presigned URL first');
  const refuse = async (error: Error) => {
    await deps.attachments.remove(upload.key);
    await deps.attachments.remove(key);
    await deps.cases.deleteUpload(record.id, uploadId);
    throw error;
  };
  if (stored.size !== upload.size) {
    await refuse(
      new PayloadTooLargeError(`The file has ${stored.size} bytes, not the ${upload.size} declared`, [
        { path: 'file', rule: 'size', message: 'size differs from the declaration' },
      ]),
    );
  }
  const detected = detectFileType(stored.head);
  // The emulator enforces no POST policy, so the stored type is checked here too, not only the content.
  const storedTypeDiffers =
    stored.contentType !== undefined &&
    stored.contentType.split(';')[0]!.trim().toLowerCase() !== upload.contentType.toLowerCase();
  if (detected !== fileTypeForDeclared(upload.fileName, upload.contentType) || storedTypeDiffers) {
    await refuse(
      new UnsupportedMediaTypeError(`The file's content is not the ${upload.contentType} it claims to be`, [
        {
          path: 'file',
          rule: 'fileType',
          message: `content detected as ${detected ?? 'unknown'}`,
          messageZh: '文件内容与声明的类型不符',
        },
      ]),
    );
  }
  if (stored.sha256Base64 !== upload.sha256) {
    await refuse(
      new RuleViolationError('The file does not match its checksum', [
        { path: 'file', rule: 'checksum', message: 'SHA-256 differs from the declaration' },
      ]),
    );
  }
  // Copied first and the pending object removed after the commit, beside the pending record: one round trip less
  // than a move before the commit. Idempotent: a source already gone with the destination in place counts as copied.
  await deps.attachments.move(upload.key, key, { keepSource: true });
  const file = {
    uploadId,
    key,
    fileName: upload.fileName,
    contentType: upload.contentType,
    size: upload.size,
    sha256: upload.sha256,
    uploadedAt: deps.now().toISOString(),
  };
  const current = record.materials[upload.material];
  const after = await apply(
    record,
    [
      {
        action: 'material-added',
        actor: actorOf(principal),
        data: { material: upload.material, fileName: upload.fileName, size: upload.size, sha256: upload.sha256 },
        patch: {
          materials: {
            ...record.materials,
            [upload.material]: { ...current, files: [...(current?.files ?? []), file] },
          },
        },
      },
    ],
    deps,
  );
  await Promise.all([deps.attachments.remove(upload.key), deps.cases.deleteUpload(record.id, uploadId)]);
  return after;
}

export async function downloadUrl(id: string, uploadId: string, principal: Principal, deps: ApplicationDeps) {
  const record = await reachCase(await loadCase(id, deps), principal, id, deps);
  const file = Object.values(record.materials)
    .flatMap((m) => m.files)
    .find((f) => f.uploadId === uploadId);
  if (!file) throw new NotFoundError(`No file ${uploadId} on this case`);
  return deps.attachments.presignDownload({ key: file.key, fileName: file.fileName, expiresInSeconds: 300 });
}

/** 免证: a licence number instead of an upload, for a material the matter lets a licence replace. */
/**
 * A draft's edits (answers, files, licence numbers) touch separate parts of it: an edit that meets another's commit
 * (the page's autosave beside a click) is applied again to the case as it now stands, not refused.
 */
export function referenceLicence(
  id: string,
  input: { material: string; licenceNo: string },
  principal: Principal,
  deps: ApplicationDeps,
): Promise<CaseRecord> {
  return retryOnConflict(() => referenceLicenceOnce(id, input, principal, deps));
}

async function referenceLicenceOnce(
  id: string,
  input: { material: string; licenceNo: string },
  principal: Principal,
  deps: ApplicationDeps,
): Promise<CaseRecord> {
  const record = await requireActingOwner(id, principal, deps);
  const template = await templateOfCase(deps.matters, record);
  const material = template.materials.find((m) => m.code === input.material);
  if (!material)
    throw new ValidationError(`No material ${input.material} in this ${template.kind}`, [
      { path: 'body.material', rule: 'exists', message: `not a material of this ${template.kind}` },
    ]);
  requireMaterialsOpen(record, material.code);
  if (!material.replaceableBy)
    throw new RuleViolationError(`${material.name} cannot be replaced by a licence`, [
      { path: 'body.material', rule: 'replaceable', message: 'upload the file instead' },
    ]);
  const licence = await checkReusable(
    input.licenceNo,
    { holderKeys: holderKeysOf(record), type: material.replaceableBy },
    { store: deps.licences, now: deps.now },
  );
  input = { ...input, licenceNo: licence.licenceNo };
  const current = record.materials[material.code];
  return apply(
    record,
    [
      {
        action: 'licence-referenced',
        actor: actorOf(principal),
        data: { material: material.code, licenceType: material.replaceableBy, licenceNo: input.licenceNo },
        patch: {
          materials: {
            ...record.materials,
            [material.code]: { files: current?.files ?? [], licenceNo: input.licenceNo },
          },
        },
      },
    ],
    deps,
  );
}
