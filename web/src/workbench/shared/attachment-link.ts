import { api, unwrap } from '../../api/client';

/** A five-minute download link for one uploaded file (GET /applications/{id}/attachments/{uploadId}). */
export interface AttachmentLink {
  readonly url: string;
  readonly expiresAt: string;
}

export const attachmentLink = (caseId: string, uploadId: string): Promise<AttachmentLink> =>
  unwrap(api().GET('/applications/{id}/attachments/{uploadId}', { params: { path: { id: caseId, uploadId } } }));

/** Whether a link is still good for a few seconds (a click must reach the store before it expires). */
export const stillValid = (link: AttachmentLink | undefined): link is AttachmentLink =>
  link !== undefined && Date.parse(link.expiresAt) - Date.now() > 10_000;

/** How a file can be shown in the page: images as <img>, PDFs in a frame, anything else (OFD) only downloaded. */
export function previewKind(contentType: string): 'image' | 'pdf' | 'none' {
  if (contentType === 'image/png' || contentType === 'image/jpeg') return 'image';
  if (contentType === 'application/pdf') return 'pdf';
  return 'none';
}

/**
 * The PDF's bytes as an object URL for a frame. The store sends attachments with `Content-Disposition: attachment`
 * (so a link downloads), which would make a frame pointing at the store download too; the bytes are fetched
 * instead (the bucket's CORS rules allow the site's origin) and shown from a blob: URL the page owns.
 */
export async function pdfObjectUrl(url: string, signal?: AbortSignal): Promise<string> {
  const response = await fetch(url, { signal });
  if (!response.ok) throw new Error(`The store answered ${response.status}`);
  const bytes = await response.arrayBuffer();
  return URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
