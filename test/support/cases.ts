import { FOOD_FORM, PDF, sha256, USCC } from './food-case';
import { call } from './http';

/** A file to upload: its bytes, and the name and content type it is sent with (default `{material}.pdf`, PDF). */
export interface UploadFile {
  bytes: Buffer;
  fileName?: string;
  contentType?: string;
}

/** Uploads a file for a case's material (presigned slot, form POST, confirm), asserting each step's status; returns the confirmation. */
export async function uploadMaterial(
  baseUrl: string,
  token: string,
  caseId: string,
  material: string,
  file: UploadFile = { bytes: PDF },
  confirmStatus = 200,
) {
  const { bytes, fileName = `${material}.pdf`, contentType = 'application/pdf' } = file;
  const slot = await call(baseUrl, 'POST', `/applications/${caseId}/attachments`, {
    token,
    body: { material, fileName, contentType, size: bytes.length, sha256: sha256(bytes) },
  });
  expect(slot.status).toBe(201);
  const form = new FormData();
  for (const [k, v] of Object.entries(slot.json.fields as Record<string, string>)) form.append(k, v);
  form.append('file', new Blob([bytes], { type: contentType }), fileName);
  expect((await fetch(slot.json.url, { method: 'POST', body: form })).status).toBeLessThan(300);
  const confirmed = await call(baseUrl, 'POST', `/applications/${caseId}/attachments/${slot.json.uploadId}/confirm`, {
    token,
  });
  expect(confirmed.status).toBe(confirmStatus);
  return confirmed;
}

/** A 食品经营许可 case of the demo enterprise, submitted and accepted at the window now, then `settle`d; returns its id. */
export async function acceptedFoodCase(
  baseUrl: string,
  applicantToken: string,
  windowToken: string,
  settle: () => Promise<unknown>,
): Promise<string> {
  const draft = await call(baseUrl, 'POST', '/applications', {
    token: applicantToken,
    body: { matterCode: 'FOOD-BUSINESS-LICENCE', form: FOOD_FORM },
  });
  expect(draft.status).toBe(201);
  const id = draft.json.id as string;
  for (const [material, licenceNo] of [
    ['businessLicence', USCC],
    ['legalRepIdCard', 'RID-350100-0001'],
  ]) {
    expect(
      (
        await call(baseUrl, 'POST', `/applications/${id}/licence-references`, {
          token: applicantToken,
          body: { material, licenceNo },
        })
      ).status,
    ).toBe(200);
  }
  for (const material of ['floorPlan', 'equipmentList', 'foodSafetyRules', 'healthCertificates'])
    await uploadMaterial(baseUrl, applicantToken, id, material);
  expect(
    (
      await call(baseUrl, 'POST', `/applications/${id}/submit`, {
        token: applicantToken,
        headers: { 'idempotency-key': `k-${id}` },
      })
    ).status,
  ).toBe(200);
  expect(
    (
      await call(baseUrl, 'POST', `/applications/${id}/acceptance`, {
        token: windowToken,
        body: { decision: 'accept' },
      })
    ).status,
  ).toBe(200);
  await settle();
  return id;
}
