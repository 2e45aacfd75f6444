import { api, unwrap } from '../../api/client';
import { Loader } from '../../components/common';
import { useApi } from '../../components/use-api';
import { defineMessages, useT } from '../../i18n/i18n';
import { useDepartmentName } from '../shared/department-names';

const messages = defineMessages(
  {
    title: '各部门效能',
    intro: '区间内办结的审批任务与办件：按时办结率，平均用时与时限（工作日，暂停不计）。',
    caption: '各部门效能（{from} 至 {to}）',
    department: '部门',
    tasks: '审批任务',
    cases: '办件',
    decided: '办结',
    onTime: '按时',
    rate: '按时办结率',
    used: '平均用时',
    limit: '平均时限',
    none: '无',
    empty: '区间内没有办结的任务或办件。',
  },
  {
    title: 'Efficiency by department',
    intro:
      'Tasks and cases decided in the range: on-time rate, average working days used against the limits (pauses not counted).',
    caption: 'Efficiency by department ({from} to {to})',
    department: 'Department',
    tasks: 'Tasks',
    cases: 'Cases',
    decided: 'decided',
    onTime: 'on time',
    rate: 'on-time rate',
    used: 'average days used',
    limit: 'average limit',
    none: 'none',
    empty: 'No task or case was decided in the range.',
  },
);

type Figures = {
  decided: number;
  onTime: number;
  onTimeRate: number | null;
  averageWorkingDays: number | null;
  averageLimitDays: number | null;
};

/** 效能 per department (GET /supervision/efficiency) over the page's range, one plain table. */
export function Efficiency({ from, to }: { from: string; to: string }) {
  const t = useT(messages);
  const departmentName = useDepartmentName();
  const loaded = useApi(
    () => unwrap(api().GET('/supervision/efficiency', { params: { query: { from, to } } })),
    [from, to],
  );
  const rate = (v: number | null) => (v === null ? t('none') : `${Math.round(v * 1000) / 10}%`);
  const days = (v: number | null) => (v === null ? t('none') : String(Math.round(v * 10) / 10));
  const cells = (f: Figures) => [
    f.decided,
    f.onTime,
    rate(f.onTimeRate),
    days(f.averageWorkingDays),
    days(f.averageLimitDays),
  ];
  const heads = [t('decided'), t('onTime'), t('rate'), t('used'), t('limit')];
  return (
    <section aria-labelledby="efficiency-title">
      <h2 id="efficiency-title">{t('title')}</h2>
      <p>{t('intro')}</p>
      <Loader loaded={loaded}>
        {(data) =>
          data.items.every((i) => i.tasks.decided === 0 && i.cases.decided === 0) ? (
            <p>{t('empty')}</p>
          ) : (
            <div className="table-scroll" role="region" aria-labelledby="efficiency-caption" tabIndex={0}>
              <table className="figures">
                <caption id="efficiency-caption" className="visually-hidden">
                  {t('caption', { from, to })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col" rowSpan={2}>
                      {t('department')}
                    </th>
                    <th scope="colgroup" colSpan={5}>
                      {t('tasks')}
                    </th>
                    <th scope="colgroup" colSpan={5}>
                      {t('cases')}
                    </th>
                  </tr>
                  <tr>
                    {[...heads, ...heads].map((h, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns; each heading is there twice
                      <th key={i} scope="col" className="num">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((item) => (
                    <tr key={item.department}>
                      <th scope="row">{departmentName(item.department)}</th>
                      {[...cells(item.tasks), ...cells(item.cases)].map((v, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns: a cell is its column
                        <td key={i} className="num">
                          {v}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loader>
    </section>
  );
}
