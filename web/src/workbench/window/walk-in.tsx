import { useState } from 'react';
import { Link, useSearch } from 'wouter';
import type { components } from '../../api/schema';
import { useMe } from '../../auth/session';
import { Loader, Page } from '../../components/common';
import { useApi } from '../../components/use-api';
import { defineMessages, useT } from '../../i18n/i18n';
import { type ApplyTemplate, licenceTypeNames, loadCase, templateOfCase } from '../../pages/apply/template';
import { useTemplateName } from '../shared/case-details';
import { WalkInFill } from './walk-in-fill';
import { WalkInList } from './walk-in-list';
import { WalkInReceipt } from './walk-in-receipt';
import { WalkInStart } from './walk-in-start';
import './window.css';

type CaseView = components['schemas']['Case'];

const messages = defineMessages(
  {
    title: '窗口收件',
    intro:
      '为到窗口办事的申请人登记办件：选择事项，核验身份，代为填写申请表、上传扫描材料并提交。申请人可在网上办事大厅“我的办件”中看到此办件。',
    filling: '窗口收件：{matter}',
    receipt: '收件回执',
    notWalkIn: '此办件不是您登记的窗口收件，不能在这里填写。',
    viewCase: '查看办件',
    back: '返回窗口收件',
  },
  {
    title: 'Walk-in intake',
    intro:
      'Register a case for the person at the counter: choose the matter, check their identity, fill in the form for them, upload the scanned materials and submit. They will see the case under My cases in the online hall.',
    filling: 'Walk-in: {matter}',
    receipt: 'Receipt',
    notWalkIn: 'This case is not a walk-in you registered; it cannot be filled in here.',
    viewCase: 'View the case',
    back: 'Back to walk-in intake',
  },
);

/**
 * /workbench/walk-in: 窗口收件. Without a case: a new registration and the officer's recent walk-ins. With
 * `?case=<id>`: that walk-in, filled in while it is a draft or awaits correction, else its receipt to print.
 */
export default function WalkIn() {
  const caseId = new URLSearchParams(useSearch()).get('case');
  const t = useT(messages);
  if (caseId) return <WalkInCase key={caseId} id={caseId} />;
  return (
    <Page title={t('title')}>
      <p>{t('intro')}</p>
      <WalkInStart />
      <WalkInList />
    </Page>
  );
}

interface Loaded {
  readonly c: CaseView;
  readonly template: ApplyTemplate;
  readonly typeNames: ReadonlyMap<string, { name: string; nameEn?: string }>;
}

function WalkInCase({ id }: { id: string }) {
  const loaded = useApi(async (): Promise<Loaded> => {
    const c = await loadCase(id);
    const [template, typeNames] = await Promise.all([
      templateOfCase(c),
      licenceTypeNames().catch(() => new Map<string, { name: string; nameEn?: string }>()),
    ]);
    return { c, template, typeNames };
  }, [id]);
  return <Loader loaded={loaded}>{(data) => <WalkInFor {...data} />}</Loader>;
}

function WalkInFor({ c, template, typeNames }: Loaded) {
  const t = useT(messages);
  const me = useMe();
  const name = useTemplateName();
  const [submitted, setSubmitted] = useState<CaseView | undefined>();
  const own = c.channel === 'window' && c.intakeOfficer === me.sub;
  if (!own) {
    return (
      <Page title={t('title')}>
        <p className="notice">{t('notWalkIn')}</p>
        <p>
          <Link href={`/cases/${c.id}`}>{t('viewCase')}</Link> · <Link href="/walk-in">{t('back')}</Link>
        </p>
      </Page>
    );
  }
  const current = submitted ?? c;
  if (current.status === 'DRAFT' || current.status === 'CORRECTION_REQUESTED') {
    return (
      <Page key="fill" title={t('filling', { matter: name(template) })}>
        <WalkInFill caseView={current} template={template} typeNames={typeNames} onDone={setSubmitted} />
      </Page>
    );
  }
  return (
    <Page key="receipt" title={t('receipt')}>
      <WalkInReceipt caseView={current} template={template} />
    </Page>
  );
}
