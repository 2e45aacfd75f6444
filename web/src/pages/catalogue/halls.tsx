import type { components } from '../../api/schema';
import { defineMessages, useT } from '../../i18n/i18n';
import { useContentLang } from './labels';

export type Hall = components['schemas']['Hall'];

const messages = defineMessages(
  {
    address: '地址',
    hours: '办公时间',
    hoursText: '工作日 {sessions}（法定节假日除外）',
    phone: '咨询电话',
    windows: '办理窗口',
    none: '暂无服务大厅登记办理本事项。',
  },
  {
    address: 'Address',
    hours: 'Opening hours',
    hoursText: 'Working days {sessions} (closed on public holidays)',
    phone: 'Phone',
    windows: 'Windows',
    none: 'No service hall is listed for this service yet.',
  },
);

/** The service halls that serve a matter: name, address, opening hours, phone and the windows that take it. */
export function HallsList({ halls, matterCode }: { halls: readonly Hall[]; matterCode: string }) {
  const t = useT(messages);
  const contentLang = useContentLang();
  if (halls.length === 0) return <p>{t('none')}</p>;
  return (
    <ul className="list-plain grid grid--2 cat-tiles">
      {halls.map((hall) => (
        <li key={hall.id} className="card">
          <h3 lang={contentLang}>{hall.name}</h3>
          <dl className="cat-facts cat-facts--stacked">
            <div>
              <dt>{t('address')}</dt>
              <dd lang={contentLang}>{hall.address}</dd>
            </div>
            <div>
              <dt>{t('hours')}</dt>
              <dd>{t('hoursText', { sessions: hall.hours.map((h) => `${h.from}–${h.to}`).join(', ') })}</dd>
            </div>
            {hall.phone && (
              <div>
                <dt>{t('phone')}</dt>
                <dd>
                  <a href={`tel:${hall.phone.replace(/[^0-9+]/g, '')}`}>{hall.phone}</a>
                </dd>
              </div>
            )}
            <div>
              <dt>{t('windows')}</dt>
              <dd lang={contentLang}>
                {hall.windows
                  .filter((w) => w.matters.includes(matterCode))
                  .map((w) => w.name)
                  .join('、')}
              </dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  );
}
