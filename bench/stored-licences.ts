import { createHash } from 'node:crypto';

/**
 * The licences the bench and the soak import before their applicants start (存量入库): every applicant's 营业执照 and
 * the legal representative's ID card, as test/support/licences.ts does for one enterprise.
 */
/** The one small PDF every bench applicant uploads, and its SHA-256 (computed once, not per upload). */
export const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
export const PDF_SHA256 = createHash('sha256').update(PDF).digest('base64');

export const RESIDENT_ID = { idNumber: '11010519491231002X', licenceNo: 'RID-350100-0001' };

/** The rows of POST /admin/licences/import (jsonl), the enterprises named `福州市鼓楼区<label><n>号企业`. */
export function storedLicenceRows(applicants: readonly { uscc: string }[], label: string) {
  return [
    ...applicants.map((a, i) => ({
      type: 'BUSINESS_LICENCE',
      holderType: 'enterprise',
      holderId: a.uscc,
      holderName: `福州市鼓楼区${label}${i + 1}号企业`,
      validFrom: '2024-01-02',
      licenceNo: a.uscc,
      content: { uscc: a.uscc, name: `福州市鼓楼区${label}${i + 1}号企业` },
    })),
    {
      type: 'RESIDENT_ID',
      holderType: 'citizen',
      holderId: RESIDENT_ID.idNumber,
      holderName: '林晓明',
      validFrom: '2020-05-01',
      validUntil: '2040-05-01',
      licenceNo: RESIDENT_ID.licenceNo,
      content: {},
    },
  ];
}
