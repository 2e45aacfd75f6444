import { createHash } from 'node:crypto';

/** The demo enterprise and a complete 食品经营许可 form, shared by the integration tests. */
export const USCC = '91350100M000100Y43';
export const FOOD_FORM = {
  uscc: USCC,
  operatorName: '福州市鼓楼区榕城小吃店',
  legalRepName: '林晓明',
  legalRepIdNumber: '11010519491231002X',
  premisesAddress: { province: '福建省', city: '福州市', district: '鼓楼区', detail: '五四路88号一层' },
  mainBusiness: 'catering',
  businessItems: ['hot-food', 'drinks'],
  premisesArea: 60,
  foodSafetyManager: '陈静',
  staff: [
    {
      name: '王芳',
      idNumber: '11010519491231002X',
      position: 'chef',
      healthCertNumber: 'JK2026-0001',
      healthCertValidUntil: '2027-03-01',
    },
  ],
  contactMobile: '13812345678',
};
/** The smallest file the platform takes as a PDF (magic bytes). */
export const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('base64');
