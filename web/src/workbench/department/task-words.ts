import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { defineMessages } from '../../i18n/i18n';
import type { Localised } from '../../pages/cases/catalogue';

export type TaskView = components['schemas']['DepartmentTask'];
export type TaskStatus = TaskView['status'];

export const TASK_STATUSES: readonly TaskStatus[] = [
  'WAITING',
  'CLAIMED',
  'SUSPENDED',
  'RETURNED',
  'APPROVED',
  'REJECTED',
  'CANCELLED',
];
export const OPEN_STATUSES: readonly TaskStatus[] = ['WAITING', 'CLAIMED', 'RETURNED', 'SUSPENDED'];

/** The words for a task's status and for the special procedures (行政许可法 art. 45), shared by the department's pages. */
export const taskWords = defineMessages(
  {
    WAITING: '待认领',
    CLAIMED: '办理中',
    SUSPENDED: '已中止（特别程序）',
    RETURNED: '退回补正中',
    APPROVED: '已通过',
    REJECTED: '不予许可',
    CANCELLED: '已取消',
    hearing: '听证',
    inspection: '检查',
    testing: '检验检测',
    'expert-review': '专家评审',
    'public-notice': '公示',
    'on-site-verification': '现场核查',
  },
  {
    WAITING: 'Unclaimed',
    CLAIMED: 'In progress',
    SUSPENDED: 'Suspended (special procedure)',
    RETURNED: 'Returned for correction',
    APPROVED: 'Approved',
    REJECTED: 'Rejected',
    CANCELLED: 'Cancelled',
    hearing: 'Hearing',
    inspection: 'Inspection',
    testing: 'Testing',
    'expert-review': 'Expert review',
    'public-notice': 'Public notice',
    'on-site-verification': 'On-site verification',
  },
);

export const STATUS_TAG: Record<TaskStatus, string> = {
  WAITING: 'tag tag--yellow',
  CLAIMED: 'tag',
  SUSPENDED: 'tag tag--grey',
  RETURNED: 'tag tag--grey',
  APPROVED: 'tag tag--green',
  REJECTED: 'tag tag--red',
  CANCELLED: 'tag tag--grey',
};

const names = new Map<string, Promise<Localised | undefined>>();

/**
 * A matter's name by its code (the latest published guide): tasks carry the code only. Each code is asked for once
 * per page load, however many tasks share it.
 */
export function matterName(code: string): Promise<Localised | undefined> {
  let found = names.get(code);
  if (!found) {
    found = unwrap(api().GET('/matters/{code}', { params: { path: { code }, query: {} } }))
      .then((g) => ({ zh: g.name, en: g.nameEn ?? g.name }))
      .catch(() => {
        names.delete(code);
        return undefined;
      });
    names.set(code, found);
  }
  return found;
}

/** The names of the tasks' matters: one request per distinct matter code. */
export async function matterNames(tasks: readonly TaskView[]): Promise<ReadonlyMap<string, Localised>> {
  const codes = [...new Set(tasks.map((t) => t.matterCode))];
  const pairs = await Promise.all(codes.map(async (code) => [code, await matterName(code)] as const));
  return new Map(pairs.filter((p): p is readonly [string, Localised] => p[1] !== undefined));
}
