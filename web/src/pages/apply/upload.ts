import { FILE_TYPES, type FileTypeCode } from '@shared/domain/applications/file-types';
import { api, ApiError, unwrap } from '../../api/client';
import type { CaseView } from './template';

export type UploadPhase = 'hashing' | 'uploading' | 'checking';

/** The content type a file is declared with: by its extension, as the platform knows the types (OFD has none in browsers). */
export function contentTypeFor(fileName: string, browserType: string): string {
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  const known = (Object.keys(FILE_TYPES) as FileTypeCode[]).find((code) =>
    (FILE_TYPES[code].extensions as readonly string[]).includes(extension),
  );
  return known ? FILE_TYPES[known].contentTypes[0] : browserType || 'application/octet-stream';
}

/** The file chooser's `accept`: the extensions of the material's types. */
export const acceptFor = (types: readonly FileTypeCode[]) =>
  types.flatMap((t) => FILE_TYPES[t].extensions.map((e) => `.${e}`)).join(',');

/** The base64 SHA-256 of a file, computed in the browser, which the presigned upload binds the stored bytes to. */
export async function sha256Base64(file: Blob): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** POSTs the file to the presigned URL as multipart form data (the policy's fields first), reporting progress. */
function postToStore(
  url: string,
  fields: Record<string, string>,
  file: Blob,
  fileName: string,
  onProgress: (fraction: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    body.append('file', file, fileName);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () =>
      xhr.status >= 200 && xhr.status < 300
        ? resolve()
        : reject(new ApiError(xhr.status, 'UploadRefused', xhr.statusText || `HTTP ${xhr.status}`));
    xhr.onerror = () => reject(new ApiError(0, 'NetworkError', 'the upload did not reach the store'));
    xhr.ontimeout = xhr.onerror;
    xhr.send(body);
  });
}

/**
 * One material file, the platform's way: hash it here, ask for a presigned upload bound to its type, size and
 * hash, send it straight to the store with progress, then have the platform check what arrived (confirm). Any step's
 * refusal is an ApiError whose details say why (type, size, content that lies about its type, checksum).
 */
export async function uploadFile(
  caseId: string,
  material: string,
  file: File,
  onProgress: (phase: UploadPhase, percent: number) => void,
): Promise<CaseView> {
  onProgress('hashing', 0);
  const contentType = contentTypeFor(file.name, file.type);
  const sha256 = await sha256Base64(file);
  const slot = await unwrap(
    api().POST('/applications/{id}/attachments', {
      params: { path: { id: caseId } },
      body: { material, fileName: file.name, contentType, size: file.size, sha256 },
    }),
  );
  onProgress('uploading', 0);
  // The bytes go with the declared type, whatever the browser guessed.
  await postToStore(slot.url, slot.fields, new Blob([file], { type: contentType }), file.name, (f) =>
    onProgress('uploading', f * 100),
  );
  onProgress('checking', 100);
  return (await unwrap(
    api().POST('/applications/{id}/attachments/{uploadId}/confirm', {
      params: { path: { id: caseId, uploadId: slot.uploadId } },
    }),
  )) as CaseView;
}
