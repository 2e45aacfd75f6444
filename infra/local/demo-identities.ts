import type { Principal } from '../../shared/auth/principal';

/**
 * The people of the local cloud's sign-in page: applicants for the online hall and staff for the workbench. The same
 * enterprise and legal representative as the demo (scripts/demo-steps.ts), so their licences are on file.
 */
export interface DemoIdentity {
  readonly id: string;
  readonly area: 'hall' | 'workbench';
  readonly label: { zh: string; en: string };
  readonly description: { zh: string; en: string };
  readonly principal: Principal;
}

export const DEMO_ENTERPRISE = { uscc: '91350100M000100Y43', name: '福州市鼓楼区榕城小吃店' } as const;
export const DEMO_CITIZEN = { idNumber: '11010519491231002X', name: '林晓明', idCardNo: 'RID-350100-0001' } as const;
export const DEMO_AGENT = { idNumber: '350102199203150041', name: '陈晓红' } as const;

export const DEMO_IDENTITIES: readonly DemoIdentity[] = [
  {
    id: 'citizen',
    area: 'hall',
    label: { zh: `${DEMO_CITIZEN.name}（个人）`, en: `${DEMO_CITIZEN.name} (citizen)` },
    description: { zh: '自然人，持电子身份证', en: 'A citizen with an electronic ID card on file' },
    principal: { sub: 'demo-citizen-lin', role: 'applicant', idNumber: DEMO_CITIZEN.idNumber, name: DEMO_CITIZEN.name },
  },
  {
    id: 'enterprise',
    area: 'hall',
    label: { zh: `${DEMO_ENTERPRISE.name}（法人）`, en: `${DEMO_ENTERPRISE.name} (enterprise)` },
    description: { zh: '企业，持电子营业执照', en: 'An enterprise with an electronic business licence on file' },
    principal: {
      sub: 'demo-rongcheng-xiaochi',
      role: 'applicant',
      uscc: DEMO_ENTERPRISE.uscc,
      name: DEMO_ENTERPRISE.name,
    },
  },
  {
    id: 'agent',
    area: 'hall',
    label: { zh: `${DEMO_AGENT.name}（代办员）`, en: `${DEMO_AGENT.name} (agent)` },
    description: { zh: '受委托代为办理', en: 'Applies on behalf of others who authorised her' },
    principal: { sub: 'demo-agent-chen', role: 'agent', idNumber: DEMO_AGENT.idNumber, name: DEMO_AGENT.name },
  },
  {
    id: 'window',
    area: 'workbench',
    label: { zh: '综合窗口7号', en: 'Window officer no. 7' },
    description: {
      zh: '前台综合受理、窗口收件、出件；受公安局委托当场办结即办件',
      en: 'Acceptance, walk-in intake and handing over results; decides the police’s 即办件 on the spot under its delegation',
    },
    principal: { sub: 'demo-window-07', role: 'window', name: '综合窗口7号', region: '350100', delegations: ['PSB:*'] },
  },
  {
    id: 'samr',
    area: 'workbench',
    label: { zh: '市场监管局审批员', en: 'SAMR reviewer' },
    description: { zh: '部门待办（市场监督管理局）', en: 'Department to-do (market regulation)' },
    principal: { sub: 'demo-samr-registrar', role: 'department', department: 'SAMR', name: '市场监管局审批员' },
  },
  {
    id: 'health',
    area: 'workbench',
    label: { zh: '卫健委审批员', en: 'Health commission reviewer' },
    description: { zh: '部门待办（卫生健康委员会）', en: 'Department to-do (health commission)' },
    principal: { sub: 'demo-health-officer', role: 'department', department: 'HEALTH', name: '卫健委审批员' },
  },
  {
    id: 'urban',
    area: 'workbench',
    label: { zh: '城管局审批员', en: 'Urban management reviewer' },
    description: { zh: '部门待办（城市管理局）', en: 'Department to-do (urban management)' },
    principal: { sub: 'demo-urban-officer', role: 'department', department: 'URBAN', name: '城管局审批员' },
  },
  {
    id: 'supervisor',
    area: 'workbench',
    label: { zh: '效能监督员', en: 'Supervisor' },
    description: { zh: '电子监察、统计指标', en: 'Deadlines, warnings and indicators' },
    principal: { sub: 'demo-supervisor', role: 'supervisor', name: '效能监督员', region: '350100' },
  },
  {
    id: 'admin',
    area: 'workbench',
    label: { zh: '系统管理员', en: 'Administrator' },
    description: { zh: '事项目录、部门、日历', en: 'Catalogue, departments, calendars' },
    principal: { sub: 'demo-admin', role: 'admin', name: '系统管理员', region: '*' },
  },
];

/** The licences the demo identities hold on first start (存量入库), so 免证 can be tried at once. */
export const DEMO_LICENCE_ROWS = [
  {
    type: 'BUSINESS_LICENCE',
    holderType: 'enterprise',
    holderId: DEMO_ENTERPRISE.uscc,
    holderName: DEMO_ENTERPRISE.name,
    validFrom: '2024-01-02',
    licenceNo: DEMO_ENTERPRISE.uscc,
    content: { uscc: DEMO_ENTERPRISE.uscc, name: DEMO_ENTERPRISE.name },
  },
  {
    type: 'RESIDENT_ID',
    holderType: 'citizen',
    holderId: DEMO_CITIZEN.idNumber,
    holderName: DEMO_CITIZEN.name,
    validFrom: '2020-05-01',
    validUntil: '2040-05-01',
    licenceNo: DEMO_CITIZEN.idCardNo,
    content: {},
  },
];

/** Loads DEMO_LICENCE_ROWS through the admins' import (signed like any licence), unless they are on file already. */
export async function seedDemoLicences(baseUrl: string, adminToken: () => Promise<string>): Promise<number> {
  const known = await Promise.all(
    DEMO_LICENCE_ROWS.map(
      async (row) =>
        ((await (await fetch(`${baseUrl}/verify/${encodeURIComponent(row.licenceNo)}`)).json()) as { status?: string })
          .status !== 'unknown',
    ),
  );
  const rows = DEMO_LICENCE_ROWS.filter((_, i) => !known[i]);
  if (rows.length === 0) return 0;
  const response = await fetch(`${baseUrl}/admin/licences/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await adminToken()}`, 'content-type': 'application/json' },
    body: JSON.stringify({ format: 'jsonl', data: rows.map((r) => JSON.stringify(r)).join('\n') }),
  });
  if (!response.ok) throw new Error(`seeding the demo licences: ${response.status} ${await response.text()}`);
  return rows.length;
}
