import { Link } from 'wouter';
import { defineMessages, useFormat, useLocalised, useT } from '../../i18n/i18n';
import type { EntryInfo, Localised } from './catalogue';
import { Deadline } from './deadline';
import { type CaseView, StatusTag } from './status';

const messages = defineMessages(
  {
    number: '流水号',
    matter: '办理事项',
    status: '当前状态',
    principal: '申请人',
    department: '受理部门',
    created: '创建时间',
    submitted: '提交时间',
    accepted: '受理时间',
    acceptanceDue: '受理期限',
    acceptanceHint: '窗口须在此日期前作出受理决定，逾期视为受理。',
    reviewDue: '办结期限',
    reviewPaused: '（补正或特别程序期间暂停计时）',
    provisional: '暂按周一至周五计算，{year}年节假日安排录入后重新计算',
    limit: '审查时限',
    limitDays: '{n} 个工作日，自 {date} 起算',
    bundleLimit: '一件事承诺时限',
    bundleLimitDays: '{n} 个工作日，自 {date} 受理起算，至最后一个事项出证（{due} 前）',
    bundleLimitHint: '整个一件事作为一个期限受电子监察；各事项另有自己的办理时限。',
    paused: '已暂停 {n} 个工作日（不计入时限）',
    extension: '延期',
    extensionRequested: '部门申请延期 {days} 个工作日，待批准（{reason}）',
    extensionGranted: '已延期 {days} 个工作日（{reason}）',
    extensionDenied: '延期申请未获批准',
    decided: '决定时间',
    bundle: '所属一件事',
    bundleLink: '查看一件事办件',
  },
  {
    number: 'Case number',
    matter: 'Service',
    status: 'Status',
    principal: 'Applicant',
    department: 'Department',
    created: 'Started',
    submitted: 'Submitted',
    accepted: 'Accepted',
    acceptanceDue: 'Acceptance due',
    acceptanceHint: 'The window must decide by this date, or the case counts as accepted.',
    reviewDue: 'Decision due',
    reviewPaused: '(the clock is paused for corrections or a special procedure)',
    provisional: 'counted Monday to Friday until the holiday notice for {year} is loaded',
    limit: 'Time limit',
    limitDays: '{n} working days from {date}',
    bundleLimit: 'Promised limit of this bundle',
    bundleLimitDays: '{n} working days from acceptance on {date} to the last service’s licence (by {due})',
    bundleLimitHint: 'The whole bundle is supervised as one deadline; each service also has its own time limit.',
    paused: 'Paused for {n} working days (not counted)',
    extension: 'Extension',
    extensionRequested: 'The department asked for {days} more working days; awaiting approval ({reason})',
    extensionGranted: 'Extended by {days} working days ({reason})',
    extensionDenied: 'The extension was not granted',
    decided: 'Decided',
    bundle: 'Part of a bundle',
    bundleLink: 'View the bundle case',
  },
);

/** The case's facts: number, matter, status, dates and deadlines (with the working days left). */
export function CaseHeader({
  c,
  info,
  principal,
  departments,
}: {
  c: CaseView;
  info?: EntryInfo;
  principal?: string;
  departments: ReadonlyMap<string, Localised>;
}) {
  const t = useT(messages);
  const format = useFormat();
  const localised = useLocalised();
  const review = c.review;
  return (
    <dl className="summary case-facts">
      <div>
        <dt>{t('number')}</dt>
        <dd className="case-facts__number">{c.number}</dd>
      </div>
      <div>
        <dt>{t('matter')}</dt>
        <dd>{info ? localised(info.name) : c.matterCode}</dd>
      </div>
      <div>
        <dt>{t('status')}</dt>
        <dd>
          <StatusTag status={c.status} />
        </dd>
      </div>
      {principal && (
        <div>
          <dt>{t('principal')}</dt>
          <dd>{principal}</dd>
        </div>
      )}
      <div>
        <dt>{t('department')}</dt>
        <dd>{departments.has(c.department) ? localised(departments.get(c.department)) : c.department}</dd>
      </div>
      {c.bundleCaseId && (
        <div>
          <dt>{t('bundle')}</dt>
          <dd>
            <Link href={`/cases/${c.bundleCaseId}`}>{t('bundleLink')}</Link>
          </dd>
        </div>
      )}
      <div>
        <dt>{c.submittedAt ? t('submitted') : t('created')}</dt>
        <dd>{format.dateTime(c.submittedAt ?? c.createdAt)}</dd>
      </div>
      {c.acceptedAt && (
        <div>
          <dt>{t('accepted')}</dt>
          <dd>{format.dateTime(c.acceptedAt)}</dd>
        </div>
      )}
      {c.deadlines.acceptance && (
        <div>
          <dt>{t('acceptanceDue')}</dt>
          <dd>
            <Deadline date={c.deadlines.acceptance} />
            {c.deadlines.acceptanceProvisional && (
              <span className="hint">{t('provisional', { year: c.deadlines.acceptance.slice(0, 4) })}</span>
            )}
            <span className="hint">{t('acceptanceHint')}</span>
          </dd>
        </div>
      )}
      {c.deadlines.review && (
        <div>
          <dt>{t('reviewDue')}</dt>
          <dd>
            <Deadline date={c.deadlines.review} />
            {c.deadlines.reviewProvisional && (
              <span className="hint">{t('provisional', { year: c.deadlines.review.slice(0, 4) })}</span>
            )}
            {c.deadlines.reviewPaused && <span className="hint">{t('reviewPaused')}</span>}
          </dd>
        </div>
      )}
      {review && c.kind === 'bundle' && (
        <div>
          <dt>{t('bundleLimit')}</dt>
          <dd>
            {t('bundleLimitDays', {
              n: review.limitDays,
              date: format.date(review.startDate),
              due: format.date(review.dueDate),
            })}
            <span className="hint">{t('bundleLimitHint')}</span>
          </dd>
        </div>
      )}
      {review && c.kind !== 'bundle' && (
        <div>
          <dt>{t('limit')}</dt>
          <dd>
            {t('limitDays', { n: review.limitDays, date: format.date(review.startDate) })}
            {review.pausedDays > 0 && <span className="hint">{t('paused', { n: review.pausedDays })}</span>}
          </dd>
        </div>
      )}
      {review?.extension && (
        <div>
          <dt>{t('extension')}</dt>
          <dd>
            {review.extension.status === 'denied'
              ? t('extensionDenied')
              : t(review.extension.status === 'granted' ? 'extensionGranted' : 'extensionRequested', {
                  days: review.extension.days,
                  reason: review.extension.reason,
                })}
          </dd>
        </div>
      )}
      {c.outcome && (
        <div>
          <dt>{t('decided')}</dt>
          <dd>{format.dateTime(c.outcome.decidedAt)}</dd>
        </div>
      )}
    </dl>
  );
}
