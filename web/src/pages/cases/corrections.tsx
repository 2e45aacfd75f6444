import { useState } from 'react';
import { Link } from 'wouter';
import { api, type ApiError, unwrap } from '../../api/client';
import { CommandError } from '../../components/common';
import { defineMessages, useFormat, useLocalised, useT } from '../../i18n/i18n';
import type { EntryInfo } from './catalogue';
import { correctedAnswers, forgetCorrectedAnswers, sameAnswer } from './corrected-answers';
import type { CaseView } from './status';
import type { Timeline } from './use-case';

const messages = defineMessages(
  {
    title: '需要补正的内容',
    byWindow: '综合窗口于 {date} 一次性告知以下 {n} 项需要补正：',
    byDepartment: '审批部门于 {date} 退回，以下 {n} 项需要补正（审查时限暂停，补正后继续计算）：',
    reason: '说明：{reason}',
    material: '材料：',
    field: '表单内容：',
    answered: '已补充',
    open: '待补充',
    fieldOpen: '请在申请表中修改',
    fieldChanged: '已在本机修改，提交补正时一并提交',
    localNote: '您在本设备上修改的申请表内容将随补正一并提交。',
    howTitle: '如何补正',
    step1: '在申请表中逐项修改内容、重新上传材料：',
    edit: '修改申请表和材料',
    step2: '全部处理后，回到本页提交补正，办件将重新进入受理或审查。',
    missing: '还有 {n} 项材料尚未补充，补充后才能提交补正。',
    resubmit: '提交补正',
    busy: '正在提交…',
    done: '补正已提交。',
    problems: '补正未能提交，请在申请表中处理以下问题：',
  },
  {
    title: 'What needs correcting',
    byWindow: 'On {date} the service window listed these {n} item(s) to correct, all at once:',
    byDepartment:
      'On {date} the department returned the case with these {n} item(s) to correct (the review clock waits until you answer):',
    reason: 'Note: {reason}',
    material: 'Material: ',
    field: 'Form answer: ',
    answered: 'Provided',
    open: 'To provide',
    fieldOpen: 'Change it in the application form',
    fieldChanged: 'Changed on this device; sent with the corrections',
    localNote: 'The answers you changed in the application form on this device are sent with the corrections.',
    howTitle: 'How to answer',
    step1: 'Change the answers and upload the materials in the application form:',
    edit: 'Correct the application form and materials',
    step2:
      'When everything is done, come back here and send the corrections; the case then goes back to acceptance or review.',
    missing: '{n} material(s) still to provide before you can send the corrections.',
    resubmit: 'Send the corrections',
    busy: 'Sending…',
    done: 'Your corrections were sent.',
    problems: 'The corrections could not be sent. Please fix these in the application form:',
  },
);

/**
 * A correction request (补正: the window's 一次性告知 at acceptance, or a department's return during review): every
 * item one by one, whether each material was provided since the request, and one way to answer them all: the
 * application form, then one resubmission here once every material asked for has arrived.
 */
export function Corrections({
  c,
  timeline,
  info,
  owner,
  onResubmitted,
}: {
  c: CaseView;
  timeline: Timeline;
  info?: EntryInfo;
  owner: boolean;
  onResubmitted(): Promise<void>;
}) {
  const t = useT(messages);
  const format = useFormat();
  const localised = useLocalised();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const items = c.corrections ?? [];
  const request = [...timeline.items]
    .reverse()
    .find((e) => e.action === 'correction-requested' || e.action === 'returned');
  // A material is answered by a file (or an e-licence) added after the request.
  const provided = new Set(
    timeline.items
      .filter(
        (e) => request && e.seq > request.seq && (e.action === 'material-added' || e.action === 'licence-referenced'),
      )
      .map((e) => String(e.data?.material ?? '')),
  );
  const openMaterials = items.filter((i) => i.target === 'material' && !provided.has(i.code));
  // Corrected answers the form page keeps on this device until they are resubmitted.
  const local = owner ? correctedAnswers(c.id, request?.at) : undefined;
  const changed = (code: string) => local !== undefined && !sameAnswer(local[code], c.form[code]);

  const resubmit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await unwrap(
        api().POST('/applications/{id}/resubmit', {
          params: { path: { id: c.id } },
          body: local ? { form: local } : {},
        }),
      );
      forgetCorrectedAnswers(c.id);
      await onResubmitted();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };

  const label = (item: (typeof items)[number]) =>
    item.target === 'material'
      ? (info?.materialNames.get(item.code) ?? item.code)
      : info?.fieldLabels.has(item.code)
        ? localised(info.fieldLabels.get(item.code))
        : item.code;

  return (
    <section className="panel corrections" aria-labelledby="corrections-title">
      <h2 id="corrections-title">{t('title')}</h2>
      <p>
        {t(c.status === 'RETURNED' ? 'byDepartment' : 'byWindow', {
          date: request ? format.dateTime(request.at) : '',
          n: items.length,
        })}
      </p>
      {request?.reason && <p>{t('reason', { reason: request.reason })}</p>}
      <ol className="corrections__items">
        {items.map((item) => {
          const done = item.target === 'material' ? provided.has(item.code) : changed(item.code);
          return (
            <li key={`${item.target}:${item.code}`} className="corrections__item">
              <p className="corrections__what">
                <span className="muted">{t(item.target)}</span>
                <strong>{label(item)}</strong>{' '}
                <span className={done ? 'tag tag--green' : 'tag tag--yellow'}>
                  {item.target === 'field' ? t(done ? 'fieldChanged' : 'fieldOpen') : t(done ? 'answered' : 'open')}
                </span>
              </p>
              <p className="corrections__message">{item.message}</p>
            </li>
          );
        })}
      </ol>
      {owner && (
        <>
          <h3>{t('howTitle')}</h3>
          <ol className="corrections__how">
            <li>
              {t('step1')} <Link href={`/cases/${c.id}/edit`}>{t('edit')}</Link>
            </li>
            <li>{t('step2')}</li>
          </ol>
          {error && (
            <>
              <p className="field-error">{t('problems')}</p>
              <CommandError error={error} />
            </>
          )}
          {local && openMaterials.length === 0 && <p>{t('localNote')}</p>}
          {openMaterials.length > 0 ? (
            <p className="notice notice--warning">{t('missing', { n: openMaterials.length })}</p>
          ) : (
            <div className="actions">
              <button type="button" className="button" onClick={() => void resubmit()} disabled={busy}>
                {busy ? t('busy') : t('resubmit')}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
