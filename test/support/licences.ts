import type { LocalCloud } from '../../infra/local/cloud';
import { call } from './http';

/** The licences the demo applicants hold (存量入库 through the admin API): their 营业执照 and the legal representative's ID card. */
export async function importDemoLicences(
  cloud: LocalCloud,
  uscc = '91350100M000100Y43',
  idNumber = '11010519491231002X',
) {
  const admin = await cloud.issueToken({ sub: 'admin-seed', role: 'admin' });
  const rows = [
    {
      type: 'BUSINESS_LICENCE',
      holderType: 'enterprise',
      holderId: uscc,
      holderName: '福州市鼓楼区榕城小吃店',
      validFrom: '2024-01-02',
      licenceNo: uscc,
      content: { uscc, name: '福州市鼓楼区榕城小吃店' },
    },
    {
      type: 'RESIDENT_ID',
      holderType: 'citizen',
      holderId: idNumber,
      holderName: '林晓明',
      validFrom: '2020-05-01',
      validUntil: '2040-05-01',
      licenceNo: 'RID-350100-0001',
      content: {},
    },
  ];
  const answer = await call(cloud.baseUrl, 'POST', '/admin/licences/import', {
    token: admin,
    body: { format: 'jsonl', data: rows.map((r) => JSON.stringify(r)).join('\n') },
  });
  // A cloud started with seed: true holds these licences already (the demo identities'); that is the state wanted.
  const held = (row: { problems: string[] }) =>
    row.problems.every((problem) => problem.endsWith('is registered already'));
  if (answer.status !== 200 || !answer.json.failed.every(held))
    throw new Error(`Demo licences not imported: ${JSON.stringify(answer.json)}`);
}
