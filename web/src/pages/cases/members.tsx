import { Link } from 'wouter';
import { defineMessages, useT } from '../../i18n/i18n';
import type { EntryInfo } from './catalogue';
import { type CaseView, useMemberStatusLabel } from './status';

const messages = defineMessages(
  {
    title: '一件事：成员办件',
    lead: '本“一件事”由以下事项组成，按顺序分批办理，每个事项有自己的办件和结果。',
    matter: '事项',
    wave: '批次',
    waveN: '第 {n} 批',
    status: '状态',
    caseNumber: '办件',
    notYet: '尚未开始',
    reason: '说明：{reason}',
  },
  {
    title: 'Bundle: member cases',
    lead: 'This bundle is made of these matters, handled in waves; each has its own case and result.',
    matter: 'Matter',
    wave: 'Wave',
    waveN: 'Wave {n}',
    status: 'Status',
    caseNumber: 'Case',
    notYet: 'Not started yet',
    reason: 'Note: {reason}',
  },
);

/** 一件事: the member cases, each with its own status and a link to it. */
export function Members({ members, info }: { members: NonNullable<CaseView['members']>; info?: EntryInfo }) {
  const t = useT(messages);
  const label = useMemberStatusLabel();
  return (
    <section aria-labelledby="members-title" className="case-section">
      <h2 id="members-title">{t('title')}</h2>
      <p>{t('lead')}</p>
      {/* Focusable, so a keyboard can scroll the table sideways on a phone. */}
      <div className="table-scroll" role="region" aria-label={t('title')} tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('matter')}</th>
              <th scope="col">{t('wave')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('caseNumber')}</th>
            </tr>
          </thead>
          <tbody>
            {[...members]
              .sort((a, b) => a.wave - b.wave)
              .map((m) => (
                <tr key={m.matterCode}>
                  <th scope="row">{info?.memberNames.get(m.matterCode) ?? m.matterCode}</th>
                  <td>{t('waveN', { n: m.wave + 1 })}</td>
                  <td>
                    {label(m.status)}
                    {m.reason && <div className="muted">{t('reason', { reason: m.reason })}</div>}
                  </td>
                  <td>
                    {m.caseId ? (
                      <Link href={`/cases/${m.caseId}`}>{m.caseNumber ?? m.caseId}</Link>
                    ) : (
                      <span className="muted">{t('notYet')}</span>
                    )}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
