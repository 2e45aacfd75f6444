import { type FormEvent, type MouseEvent, useMemo, useState } from 'react';
import { useLocation, useRouter, useSearch } from 'wouter';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../auth/session';
import { Loader, Page } from '../../components/common';
import { useApi } from '../../components/use-api';
import { defineMessages, useFormat, useLocalised, useT } from '../../i18n/i18n';
import type { Localised } from '../../pages/cases/catalogue';
import { dueState, shanghaiToday } from '../shared/due-date';
import {
  matterNames,
  OPEN_STATUSES,
  STATUS_TAG,
  TASK_STATUSES,
  type TaskStatus,
  type TaskView,
  taskWords,
} from './task-words';
import './department.css';

const messages = defineMessages(
  {
    title: '统一待办',
    intro: '本部门的审查任务，办理期限最近的在前。认领后才能作出决定。',
    filter: '按状态筛选',
    status: '状态',
    allOpen: '全部未办结',
    apply: '筛选',
    count: '共 {n} 项。',
    overdueCount: '其中 {n} 项已超过办理期限。',
    empty: '没有符合条件的任务。',
    refresh: '刷新',
    caption: '待办任务',
    number: '流水号',
    matter: '事项',
    task: '审查环节',
    who: '认领人',
    due: '办理期限',
    me: '我',
    nobody: '未认领',
    overdue: '已逾期',
    today: '今日到期',
    paused: '（{since} 起暂停）',
  },
  {
    title: 'To-do',
    intro: 'Your department’s review tasks, the nearest deadline first. Claim a task before deciding it.',
    filter: 'Filter by status',
    status: 'Status',
    allOpen: 'All open tasks',
    apply: 'Filter',
    count: '{n} tasks.',
    overdueCount: '{n} of them are past their deadline.',
    empty: 'No task matches.',
    refresh: 'Refresh',
    caption: 'Tasks',
    number: 'Case number',
    matter: 'Matter',
    task: 'Review step',
    who: 'Claimed by',
    due: 'Due',
    me: 'Me',
    nobody: 'Unclaimed',
    overdue: 'Overdue',
    today: 'Due today',
    paused: ' (paused since {since})',
  },
);

/** The most the page reads (the API gives 100 a page per status). */
const MAX_ITEMS = 2000;

async function tasksWith(status: TaskStatus): Promise<TaskView[]> {
  const items: TaskView[] = [];
  let cursor: string | undefined;
  do {
    const page = await unwrap(
      api().GET('/tasks', { params: { query: { status, limit: 100, ...(cursor ? { cursor } : {}) } } }),
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < MAX_ITEMS);
  return items;
}

/** Every task of the statuses asked for, page after page, earliest due first; then the matters' names (once per code). */
async function loadTodo(
  status: TaskStatus | undefined,
): Promise<{ items: TaskView[]; names: ReadonlyMap<string, Localised> }> {
  const pages = await Promise.all((status ? [status] : OPEN_STATUSES).map(tasksWith));
  // One row per task, should a task change status between two of these reads.
  const byId = new Map(pages.flat().map((task) => [task.id, task]));
  const items = [...byId.values()].sort(
    (a, b) => a.dueDate.localeCompare(b.dueDate) || a.openedAt.localeCompare(b.openedAt),
  );
  return { items, names: await matterNames(items) };
}

const isStatus = (value: string | null): value is TaskStatus =>
  value !== null && (TASK_STATUSES as readonly string[]).includes(value);

/** /workbench/tasks: the department's to-do (统一待办), filtered by status through the address (?status=). */
export default function Todo() {
  const t = useT(messages);
  const search = useSearch();
  const requested = new URLSearchParams(search).get('status');
  const status = isStatus(requested) ? requested : undefined;
  const loaded = useApi(() => loadTodo(status), [status]);
  return (
    <Page title={t('title')}>
      <p>{t('intro')}</p>
      <StatusFilter status={status} />
      <Loader loaded={loaded}>
        {(data) => <TodoTable items={data.items} names={data.names} onRefresh={loaded.reload} />}
      </Loader>
    </Page>
  );
}

function StatusFilter({ status }: { status: TaskStatus | undefined }) {
  const t = useT(messages);
  const words = useT(taskWords);
  const [, navigate] = useLocation();
  const [chosen, setChosen] = useState<string>(status ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(chosen ? `/tasks?status=${chosen}` : '/tasks');
  };
  return (
    <form className="todo__filter" role="search" aria-label={t('filter')} onSubmit={submit}>
      <div className="field">
        <label htmlFor="todo-status">{t('status')}</label>
        <select id="todo-status" name="status" value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">{t('allOpen')}</option>
          {TASK_STATUSES.map((s) => (
            <option key={s} value={s}>
              {words(s)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button--secondary">
        {t('apply')}
      </button>
    </form>
  );
}

/**
 * One plain table, no work per row beyond formatting: the words, formatters and today's date are made once for the
 * table; the rows' links are plain anchors with one click handler for the table (wouter's <Link> costs hooks per row).
 */
function TodoTable({
  items,
  names,
  onRefresh,
}: {
  items: readonly TaskView[];
  names: ReadonlyMap<string, Localised>;
  onRefresh: () => void;
}) {
  const t = useT(messages);
  const words = useT(taskWords);
  const format = useFormat();
  const localised = useLocalised();
  const me = useMe();
  const today = useMemo(shanghaiToday, []);
  const overdue = useMemo(
    () =>
      items.filter((task) => OPEN_STATUSES.includes(task.status) && dueState(task.dueDate, today) === 'overdue').length,
    [items, today],
  );
  const [, navigate] = useLocation();
  const base = useRouter().base;
  const follow = (event: MouseEvent<HTMLTableSectionElement>) => {
    const link = (event.target as HTMLElement).closest('a');
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const href = link.getAttribute('href') ?? '';
    if (!href.startsWith(`${base}/`)) return;
    event.preventDefault();
    navigate(href.slice(base.length));
  };
  const statusWords = Object.fromEntries(TASK_STATUSES.map((s) => [s, words(s)])) as Record<TaskStatus, string>;
  const due = { overdue: t('overdue'), today: t('today') };

  return (
    <>
      <div className="actions todo__summary">
        <p role="status" className="todo__count">
          {items.length === 0 ? t('empty') : t('count', { n: items.length })}{' '}
          {overdue > 0 && <strong className="overdue">{t('overdueCount', { n: overdue })}</strong>}
        </p>
        <button type="button" className="button button--secondary" onClick={onRefresh}>
          {t('refresh')}
        </button>
      </div>
      {items.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby="todo-caption" tabIndex={0}>
          <table className="todo">
            <caption id="todo-caption" className="visually-hidden">
              {t('caption')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('number')}</th>
                <th scope="col">{t('matter')}</th>
                <th scope="col">{t('task')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('who')}</th>
                <th scope="col">{t('due')}</th>
              </tr>
            </thead>
            {/* biome-ignore lint/a11y/useKeyWithClickEvents: routes its links' clicks; Enter on a link clicks too */}
            <tbody onClick={follow}>
              {items.map((task) => {
                const open = OPEN_STATUSES.includes(task.status);
                const state = open ? dueState(task.dueDate, today) : 'later';
                const name = names.get(task.matterCode);
                return (
                  <tr key={task.id} className={state === 'overdue' ? 'todo__row--overdue' : undefined}>
                    <th scope="row">
                      <a href={`${base}/tasks/${encodeURIComponent(task.id)}`} className="todo__number">
                        {task.caseNumber}
                      </a>
                    </th>
                    <td>{name ? localised(name) : task.matterCode}</td>
                    <td>{task.name}</td>
                    <td>
                      <span className={STATUS_TAG[task.status]}>{statusWords[task.status]}</span>
                      {task.pause && (
                        <span className="todo__note">{t('paused', { since: format.date(task.pause.since) })}</span>
                      )}
                    </td>
                    <td>
                      {task.claimedBy ? (
                        task.claimedBy === me.sub ? (
                          t('me')
                        ) : (
                          (task.claimedByName ?? task.claimedBy)
                        )
                      ) : (
                        <span className="muted">{t('nobody')}</span>
                      )}
                    </td>
                    <td className={state === 'overdue' ? 'overdue' : undefined}>
                      <time dateTime={task.dueDate}>{format.date(task.dueDate)}</time>
                      {state !== 'later' && <span className="todo__due-state">{due[state]}</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
