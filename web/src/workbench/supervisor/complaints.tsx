import { useMemo } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api, unwrap } from '../../api/client';
import { Loader, Page } from '../../components/common';
import { useApi } from '../../components/use-api';
import { defineMessages, useT } from '../../i18n/i18n';
import { DueDate, shanghaiToday } from '../shared/due-date';
import { useDepartmentName } from '../shared/department-names';
import './supervisor.css';

const messages = defineMessages(
  {
    title: '投诉与整改',
    status: '状态',
    open: '办理中',
    answered: '已答复',
    complaints: '投诉',
    rectifications: '差评整改',
    number: '流水号',
    category: '类别',
    content: '内容',
    department: '责任部门',
    received: '收到时间',
    due: '答复期限',
    scores: '评分（能力/态度/效果）',
    answer: '答复',
    onTime: '按时',
    late: '超时',
    none: '无',
    emptyComplaints: '没有投诉。',
    emptyRectifications: '没有差评整改。',
    delay: '办理超时',
    attitude: '服务态度',
    requirements: '材料要求',
    result: '办理结果',
    system: '系统问题',
    other: '其他',
  },
  {
    title: 'Complaints and rectifications',
    status: 'Status',
    open: 'Open',
    answered: 'Answered',
    complaints: 'Complaints',
    rectifications: 'Rectifications of bad ratings',
    number: 'Case number',
    category: 'Category',
    content: 'Content',
    department: 'Responsible department',
    received: 'Received',
    due: 'Answer due',
    scores: 'Scores (ability/attitude/effect)',
    answer: 'Answer',
    onTime: 'on time',
    late: 'late',
    none: 'none',
    emptyComplaints: 'No complaint.',
    emptyRectifications: 'No rectification.',
    delay: 'Delay',
    attitude: 'Attitude',
    requirements: 'Requirements',
    result: 'Result',
    system: 'System',
    other: 'Other',
  },
);

const STATUSES = ['open', 'answered'] as const;

/** /workbench/complaints?status=: complaints and rectifications with their deadlines (supervisors see all). */
export default function Complaints() {
  const t = useT(messages);
  const departmentName = useDepartmentName();
  const [, navigate] = useLocation();
  const asked = new URLSearchParams(useSearch()).get('status');
  const status = STATUSES.find((s) => s === asked) ?? 'open';
  const today = useMemo(shanghaiToday, []);
  const loaded = useApi(async () => {
    const [complaints, rectifications] = await Promise.all([
      unwrap(api().GET('/complaints', { params: { query: { status, limit: 100 } } })),
      unwrap(api().GET('/rectifications', { params: { query: { status, limit: 100 } } })),
    ]);
    return { complaints: complaints.items, rectifications: rectifications.items };
  }, [status]);
  const answerCell = (a: { answer?: string; onTime?: boolean }) =>
    a.answer ? `${a.answer}（${a.onTime ? t('onTime') : t('late')}）` : t('none');
  return (
    <Page title={t('title')}>
      <div className="field no-print">
        <label className="label" htmlFor="complaints-status">
          {t('status')}
        </label>
        <select
          id="complaints-status"
          value={status}
          onChange={(e) => navigate(`/complaints?status=${e.target.value}`)}
        >
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(s)}
            </option>
          ))}
        </select>
      </div>
      <Loader loaded={loaded}>
        {({ complaints, rectifications }) => (
          <>
            <h2 id="complaints-title">{t('complaints')}</h2>
            {complaints.length === 0 ? (
              <p>{t('emptyComplaints')}</p>
            ) : (
              <div className="table-scroll" role="region" aria-labelledby="complaints-title" tabIndex={0}>
                <table className="figures">
                  <thead>
                    <tr>
                      <th scope="col">{t('number')}</th>
                      <th scope="col">{t('category')}</th>
                      <th scope="col">{t('content')}</th>
                      <th scope="col">{t('department')}</th>
                      <th scope="col">{t('due')}</th>
                      <th scope="col">{t('answer')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {complaints.map((c) => (
                      <tr key={c.id}>
                        <td>
                          {c.caseId ? <Link href={`/cases/${c.caseId}`}>{c.caseNumber ?? c.caseId}</Link> : t('none')}
                        </td>
                        <td>{t(c.category)}</td>
                        <td>{c.content}</td>
                        <td>{departmentName(c.department)}</td>
                        <td>{c.status === 'open' ? <DueDate date={c.dueDate} today={today} /> : c.dueDate}</td>
                        <td>{answerCell(c)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <h2 id="rectifications-title">{t('rectifications')}</h2>
            {rectifications.length === 0 ? (
              <p>{t('emptyRectifications')}</p>
            ) : (
              <div className="table-scroll" role="region" aria-labelledby="rectifications-title" tabIndex={0}>
                <table className="figures">
                  <thead>
                    <tr>
                      <th scope="col">{t('number')}</th>
                      <th scope="col">{t('scores')}</th>
                      <th scope="col">{t('content')}</th>
                      <th scope="col">{t('department')}</th>
                      <th scope="col">{t('due')}</th>
                      <th scope="col">{t('answer')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rectifications.map((r) => (
                      <tr key={r.id}>
                        <td>
                          <Link href={`/cases/${r.caseId}`}>{r.caseNumber}</Link>
                        </td>
                        <td>{`${r.scores.ability}/${r.scores.attitude}/${r.scores.effect}`}</td>
                        <td>{r.comment ?? t('none')}</td>
                        <td>{departmentName(r.department)}</td>
                        <td>{r.status === 'open' ? <DueDate date={r.dueDate} today={today} /> : r.dueDate}</td>
                        <td>{answerCell(r)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </Loader>
    </Page>
  );
}
