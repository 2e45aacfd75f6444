import { useState } from 'react';
import { Link } from 'wouter';
import { api, ApiError, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import type { Me } from '../../auth/session';
import { CommandError, CommandOutcome, Loader, useDetailMessage } from '../../components/common';
import { useApi } from '../../components/use-api';
import { defineMessages, useFormat, useLocalised, useT } from '../../i18n/i18n';
import { entryInfos, infoOf } from './case-names';
import type { ApplyTemplate } from '../../pages/apply/template';

type CaseView = components['schemas']['Case'];

const messages = defineMessages(
  {
    title: '即办件 · 当场办结',
    explain:
      '本事项为即办件（承诺时限 0 个工作日）。您持有{departments}的委托，可在核对材料齐全后当场受理并批准，证照当日签发。',
    submit: '当场办结并签发证照',
    busy: '正在办结…',
    done: '已当场办结',
    doneText: '办件 {number} 已受理并批准，证照将于今日签发。签发后可在“出件”处交付申请人。',
    toResults: '前往出件',
    delegation: '您没有该部门对此事项的委托，不能当场办结。请按一般程序受理。',
    immediate: '此事项不是即办件，不能当场办结。',
    conflict: '此办件的状态已变化，不能当场办结。请刷新页面查看。',
    queueTitle: '即办件 · 待当场办结',
    queueIntro: '已自动受理、正等待您持有委托的部门审查的即办件。打开办件核对材料后即可当场办结。',
    queueEmpty: '目前没有待当场办结的即办件。',
    queueItem: '{number}（{matter}，{when}受理）',
  },
  {
    title: '即办件 · Decide on the spot',
    explain:
      'This matter is decided on the spot (promised in 0 working days). You hold the delegation of {departments}: once the materials are complete you may accept and approve it now; the licence is issued today.',
    submit: 'Decide on the spot and issue the licence',
    busy: 'Deciding…',
    done: 'Decided on the spot',
    doneText:
      'Case {number} is accepted and approved; its licence is issued today. Hand it over under Results once issued.',
    toResults: 'Go to Results',
    delegation:
      'You hold no delegation from the department for this matter, so it cannot be decided on the spot. Accept it the usual way.',
    immediate: 'This matter is not decided on the spot.',
    conflict: 'The case changed meanwhile and cannot be decided on the spot. Reload the page to see it.',
    queueTitle: '即办件 · Waiting to be decided on the spot',
    queueIntro:
      'Cases of matters decided on the spot, accepted on their own and waiting for a department whose delegation you hold. Open one, check its materials and decide it.',
    queueEmpty: 'No such case is waiting.',
    queueItem: '{number} ({matter}, accepted {when})',
  },
);

/** The departments reviewing the matter, from its guide's procedure. */
const reviewingDepartments = (template: ApplyTemplate): string[] => [
  ...new Set((template.matter?.procedureSummary ?? []).flatMap((s) => s.tasks.map((t) => t.department))),
];

/** Whether this officer may decide the case on the spot: a 即办件, every reviewing department's delegation held. */
export function mayDecideOnTheSpot(me: Me, caseView: CaseView, template: ApplyTemplate): boolean {
  if (me.role !== 'window' || !template.matter?.flags.immediate || caseView.onTheSpot) return false;
  if (!['SUBMITTED', 'ACCEPTED', 'IN_REVIEW'].includes(caseView.status)) return false;
  const departments = reviewingDepartments(template);
  return (
    departments.length > 0 &&
    departments.every((d) => (me.delegations ?? []).some((x) => x === `${d}:${template.code}` || x === `${d}:*`))
  );
}

/** 即办件当场办结: one decision accepts and approves the case under the departments' delegation. */
export function OnTheSpot({
  caseView,
  template,
  departmentName,
  onDecided,
}: {
  caseView: CaseView;
  template: ApplyTemplate;
  departmentName: (code: string) => string;
  onDecided: (updated: CaseView) => void;
}) {
  const t = useT(messages);
  const detail = useDetailMessage();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | undefined>();
  const decide = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      onDecided(await unwrap(api().POST('/applications/{id}/on-the-spot', { params: { path: { id: caseView.id } } })));
    } catch (e) {
      setFailure(e instanceof ApiError ? e : new ApiError(0, 'Error', String(e)));
    } finally {
      setBusy(false);
    }
  };
  const rule = failure?.details[0]?.rule;
  const known =
    rule === 'delegation'
      ? t('delegation')
      : rule === 'immediate'
        ? t('immediate')
        : failure?.status === 409
          ? t('conflict')
          : undefined;
  return (
    <section aria-labelledby="on-the-spot-title" className="decision" id="on-the-spot">
      <h2 id="on-the-spot-title">{t('title')}</h2>
      <p>{t('explain', { departments: reviewingDepartments(template).map(departmentName).join('、') })}</p>
      {failure &&
        (known ? (
          <div className="notice notice--error" role="alert">
            <p>{known}</p>
          </div>
        ) : rule === 'required' ? (
          <div className="notice notice--error" role="alert">
            <ul>
              {failure.details.map((d) => (
                <li key={d.path}>{detail(d)}</li>
              ))}
            </ul>
          </div>
        ) : (
          <CommandError error={failure} />
        ))}
      <button type="button" className="button" onClick={() => void decide()} disabled={busy} aria-disabled={busy}>
        {busy ? t('busy') : t('submit')}
      </button>
      <p role="status" aria-live="polite" className="visually-hidden">
        {busy ? t('busy') : ''}
      </p>
    </section>
  );
}

/** What the on-the-spot decision did, announced and focused. */
export function OnTheSpotOutcome({ caseView }: { caseView: CaseView }) {
  const t = useT(messages);
  return (
    <CommandOutcome id="on-the-spot-done" title={t('done')} className="outcome">
      <p>{t('doneText', { number: caseView.number })}</p>
      <p>
        <Link href="/results">{t('toResults')}</Link>
      </p>
    </CommandOutcome>
  );
}

/** The window's second queue, for an officer holding delegations: 即办件 accepted on their own, oldest first. */
export function OnTheSpotQueue() {
  const t = useT(messages);
  const format = useFormat();
  const localised = useLocalised();
  const loaded = useApi(async () => {
    const { items } = await unwrap(api().GET('/acceptance/on-the-spot'));
    return { items, infos: await entryInfos(items) };
  }, []);
  return (
    <section aria-labelledby="on-the-spot-queue" className="on-the-spot-queue">
      <h2 id="on-the-spot-queue">{t('queueTitle')}</h2>
      <p>{t('queueIntro')}</p>
      <Loader loaded={loaded}>
        {({ items, infos }) =>
          items.length === 0 ? (
            <p>{t('queueEmpty')}</p>
          ) : (
            <ul>
              {items.map((c) => {
                const info = infoOf(infos, c);
                return (
                  <li key={c.id}>
                    <Link href={`/cases/${c.id}`}>
                      {t('queueItem', {
                        number: c.number,
                        matter: info ? localised(info.name) : c.matterCode,
                        when: c.acceptedAt ? format.dateTime(c.acceptedAt) : '',
                      })}
                    </Link>
                  </li>
                );
              })}
            </ul>
          )
        }
      </Loader>
    </section>
  );
}
