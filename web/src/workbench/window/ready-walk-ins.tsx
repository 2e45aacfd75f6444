import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useApi } from '../../components/use-api';
import { defineMessages, useFormat, useLocalised, useT } from '../../i18n/i18n';
import { StatusTag } from '../../pages/cases/status';
import { entryInfos, infoOf } from './case-names';

type CaseView = components['schemas']['Case'];

const messages = defineMessages(
  {
    title: '我收件的办件中已有结果的',
    intro: '您在窗口登记的办件中已办结出证的（其他办件请扫描二维码查找）。',
    caption: '我收件的已有结果的办件',
    number: '流水号',
    matter: '事项',
    applicant: '申请人',
    status: '状态',
    updatedAt: '更新时间',
    action: '操作',
    open: '办理出件',
    openLabel: '办理出件：{number}',
  },
  {
    title: 'Results of my walk-ins',
    intro: 'Cases you registered at the window that have a result (find other cases by their QR code).',
    caption: 'My walk-in cases with a result',
    number: 'Case number',
    matter: 'Matter',
    applicant: 'Applicant',
    status: 'Status',
    updatedAt: 'Updated',
    action: 'Action',
    open: 'Hand over',
    openLabel: 'Hand over the result of {number}',
  },
);

/** A case with a result for the window: issued (or approved) alone; a bundle while its members are decided. */
const hasResult = (c: CaseView) =>
  c.kind === 'bundle' ? ['IN_REVIEW', 'APPROVED'].includes(c.status) : ['APPROVED', 'ISSUED'].includes(c.status);

async function load() {
  const page = await unwrap(api().GET('/window/applications', { params: { query: { limit: 100 } } }));
  const items = page.items.filter(hasResult);
  return { items, infos: await entryInfos(items) };
}

/**
 * The officer's own walk-ins with a result, from GET /window/applications (no route lists every result waiting at
 * a window): a shortcut to their handover.
 */
export function ReadyWalkIns({ onOpen }: { onOpen: (caseId: string) => void }) {
  const t = useT(messages);
  const format = useFormat();
  const localised = useLocalised();
  const loaded = useApi(load, []);
  if (loaded.status !== 'ready' || loaded.data.items.length === 0) return null;
  const { items, infos } = loaded.data;
  return (
    <section aria-labelledby="ready-walk-ins-title" className="ready-walk-ins">
      <h2 id="ready-walk-ins-title">{t('title')}</h2>
      <p className="hint">{t('intro')}</p>
      <div className="table-scroll" role="region" aria-labelledby="ready-walk-ins-caption" tabIndex={0}>
        <table>
          <caption id="ready-walk-ins-caption" className="visually-hidden">
            {t('caption')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('number')}</th>
              <th scope="col">{t('matter')}</th>
              <th scope="col">{t('applicant')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('updatedAt')}</th>
              <th scope="col">{t('action')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => {
              const info = infoOf(infos, c);
              return (
                <tr key={c.id}>
                  <th scope="row">{c.number}</th>
                  <td>{info ? localised(info.name) : c.matterCode}</td>
                  <td>{c.applicant.name}</td>
                  <td>
                    <StatusTag status={c.status} />
                  </td>
                  <td>{format.dateTime(c.updatedAt)}</td>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      aria-label={t('openLabel', { number: c.number })}
                      onClick={() => onOpen(c.id)}
                    >
                      {t('open')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
