import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { Loader, Page } from '../../components/common';
import { useApi } from '../../components/use-api';
import { defineMessages, useLang, useT } from '../../i18n/i18n';
import { useDepartmentName } from '../shared/department-names';
import './supervisor.css';

type Report = components['schemas']['CompressionReport'];

const messages = defineMessages(
  {
    title: '承诺时限压缩',
    rule: '规则：承诺办结时限不超过法定办结时限的 {max}%（较法定时限压缩{cut}%以上）。发布不符合规则的事项时{mode}。',
    warn: '须由发布人确认提示',
    refuse: '不予发布',
    source: '依据：《揭阳市“数字政府”改革建设实施方案（2019—2021年）》建设目标第2项。法定时限为 0 的即办件视为符合。',
    region: '范围：行政区划 {region} 及其下辖区域。',
    byDepartment: '各部门压缩情况',
    byDepartmentCaption: '各部门已发布事项的承诺时限压缩情况',
    byMatter: '各事项压缩情况',
    byMatterCaption: '已发布事项的法定时限、承诺时限与压缩比例（工作日）',
    department: '部门',
    matters: '事项数',
    meeting: '符合规则',
    average: '平均压缩比例',
    matter: '事项',
    legal: '法定时限',
    promised: '承诺时限',
    ratio: '承诺/法定',
    compression: '压缩比例',
    meets: '是否符合',
    yes: '符合',
    no: '不符合',
    none: '无',
    total: '合计',
    empty: '没有已发布的事项。',
  },
  {
    title: 'Compressed time limits',
    rule: 'Rule: the promised limit is at most {max}% of the legal limit (compressed by {cut}% or more). A matter that breaks it {mode} when published.',
    warn: 'needs the publisher’s acknowledgement',
    refuse: 'is refused',
    source:
      'Source: Jieyang’s “Digital Government” reform plan (2019–2021), goal 2. 即办件 with a legal limit of 0 meet it.',
    region: 'Scope: region {region} and the regions under it.',
    byDepartment: 'By department',
    byDepartmentCaption: 'Compression of the published matters, by department',
    byMatter: 'By matter',
    byMatterCaption: 'Legal and promised limits (working days) of the published matters, and their compression',
    department: 'Department',
    matters: 'Matters',
    meeting: 'Meeting the rule',
    average: 'Average compression',
    matter: 'Matter',
    legal: 'Legal limit',
    promised: 'Promised limit',
    ratio: 'Promised ÷ legal',
    compression: 'Compression',
    meets: 'Meets the rule',
    yes: 'yes',
    no: 'no',
    none: 'none',
    total: 'Total',
    empty: 'No matter is published.',
  },
);

const percent = (v: number | null, none: string) => (v === null ? none : `${Math.round(v * 1000) / 10}%`);

/** /workbench/compression: GET /stats/compression as two tables, by department and by matter. */
export default function Compression() {
  const t = useT(messages);
  const loaded = useApi(() => unwrap(api().GET('/stats/compression')), []);
  return (
    <Page title={t('title')} wide>
      <Loader loaded={loaded}>{(report) => <Figures report={report} />}</Loader>
    </Page>
  );
}

function Figures({ report }: { report: Report }) {
  const t = useT(messages);
  const { lang } = useLang();
  const departmentName = useDepartmentName();
  const none = t('none');
  const { rule } = report;
  const meets = (ok: boolean) => <span className={ok ? 'tag tag--green' : 'tag tag--red'}>{t(ok ? 'yes' : 'no')}</span>;
  return (
    <>
      <p>{t('rule', { max: rule.maxPromisedPercent, cut: 100 - rule.maxPromisedPercent, mode: t(rule.mode) })}</p>
      <p className="muted">{t('source')}</p>
      {report.region && <p>{t('region', { region: report.region })}</p>}
      {report.matters.length === 0 ? (
        <p role="status">{t('empty')}</p>
      ) : (
        <>
          <h2 id="compression-departments">{t('byDepartment')}</h2>
          <div className="table-scroll" role="region" aria-labelledby="compression-departments" tabIndex={0}>
            <table className="figures">
              <caption className="visually-hidden">{t('byDepartmentCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('department')}</th>
                  <th scope="col" className="num">
                    {t('matters')}
                  </th>
                  <th scope="col" className="num">
                    {t('meeting')}
                  </th>
                  <th scope="col" className="num">
                    {t('average')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.departments.map((d) => (
                  <tr key={d.department}>
                    <th scope="row">{departmentName(d.department)}</th>
                    <td className="num">{d.matters}</td>
                    <td className="num">{d.meetingRule}</td>
                    <td className="num">{percent(d.averageCompression, none)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('total')}</th>
                  <td className="num">{report.total.matters}</td>
                  <td className="num">{report.total.meetingRule}</td>
                  <td className="num">{percent(report.total.averageCompression, none)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          <h2 id="compression-matters">{t('byMatter')}</h2>
          <div className="table-scroll" role="region" aria-labelledby="compression-matters" tabIndex={0}>
            <table className="figures">
              <caption className="visually-hidden">{t('byMatterCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('matter')}</th>
                  <th scope="col">{t('department')}</th>
                  <th scope="col" className="num">
                    {t('legal')}
                  </th>
                  <th scope="col" className="num">
                    {t('promised')}
                  </th>
                  <th scope="col" className="num">
                    {t('ratio')}
                  </th>
                  <th scope="col" className="num">
                    {t('compression')}
                  </th>
                  <th scope="col">{t('meets')}</th>
                </tr>
              </thead>
              <tbody>
                {report.matters.map((m) => (
                  <tr key={m.code}>
                    <th scope="row">{lang === 'en' && m.nameEn ? m.nameEn : m.name}</th>
                    <td>{departmentName(m.department)}</td>
                    <td className="num">{m.legalLimitDays}</td>
                    <td className="num">{m.promisedLimitDays}</td>
                    <td className="num">{percent(m.ratio, none)}</td>
                    <td className="num">{percent(m.compression, none)}</td>
                    <td>{meets(m.meetsRule)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
