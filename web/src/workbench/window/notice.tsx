import { Link, useParams } from 'wouter';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { Loader, NotFound, Page } from '../../components/common';
import { QrCode } from '../../components/qr-code';
import { useApi } from '../../components/use-api';
import { defineMessages, useT } from '../../i18n/i18n';
import { isNoticeKind, type NoticeKind, NoticePdfButton } from './notice-links';
import './window.css';

type Notice = components['schemas']['Notice'];

const messages = defineMessages(
  {
    print: '打印',
    back: '返回办件',
    applicant: '申请人',
    matter: '申请事项',
    caseNumber: '办件编号',
    qr: '办件查询二维码：{url}',
    document: '通知书正文',
  },
  {
    print: 'Print',
    back: 'Back to the case',
    applicant: 'Applicant',
    matter: 'Matter',
    caseNumber: 'Case number',
    qr: 'QR code to follow the case: {url}',
    document: 'The notice',
  },
);

/**
 * /workbench/cases/<id>/notices/<kind>: a written notice (受理通知书, 不予受理通知书, 补正材料通知书) as a printable page,
 * drawn from the same fields and lines as its PDF (GET …/notices/{kind}?format=json), with the PDF itself a click
 * away. Printing leaves the site's header and navigation out (workbench.css).
 */
export default function NoticePage() {
  const { id, kind } = useParams<{ id: string; kind: string }>();
  if (!isNoticeKind(kind)) return <NotFound />;
  return <NoticeOf caseId={id} kind={kind} />;
}

function NoticeOf({ caseId, kind }: { caseId: string; kind: NoticeKind }) {
  const loaded = useApi(
    () =>
      unwrap(
        api().GET('/applications/{id}/notices/{kind}', {
          params: { path: { id: caseId, kind }, query: { format: 'json' } },
        }),
      ) as Promise<Notice>,
    [caseId, kind],
  );
  return <Loader loaded={loaded}>{(notice) => <NoticeDocument notice={notice} kind={kind} />}</Loader>;
}

/** The body's lines in order: paragraphs as such, runs of items as one list. */
function groupLines(
  lines: Notice['lines'],
): ({ kind: 'paragraph'; text: string } | { kind: 'items'; texts: string[] })[] {
  const out: ({ kind: 'paragraph'; text: string } | { kind: 'items'; texts: string[] })[] = [];
  for (const line of lines) {
    const last = out[out.length - 1];
    if (line.kind === 'item') {
      if (last?.kind === 'items') last.texts.push(line.text);
      else out.push({ kind: 'items', texts: [line.text] });
    } else out.push({ kind: 'paragraph', text: line.text });
  }
  return out;
}

function NoticeDocument({ notice, kind }: { notice: Notice; kind: NoticeKind }) {
  const t = useT(messages);
  return (
    <Page title={notice.title}>
      <div className="actions no-print">
        <button type="button" className="button" onClick={() => window.print()}>
          {t('print')}
        </button>
        <NoticePdfButton caseId={notice.caseId} kind={kind} />
        <Link href={`/cases/${notice.caseId}`}>{t('back')}</Link>
      </div>
      <article className="notice-doc" aria-label={t('document')} lang="zh-CN">
        <p className="notice-doc__issuer">
          {notice.issuer.name}
          <span className="notice-doc__centre">{notice.issuer.centre}</span>
        </p>
        <p className="notice-doc__no">{notice.documentNo}</p>
        <dl className="summary notice-doc__facts">
          <div>
            <dt>{t('applicant')}</dt>
            <dd>{notice.applicant.name}</dd>
          </div>
          <div>
            <dt>{notice.applicant.identifierLabel}</dt>
            <dd>{notice.applicant.identifier}</dd>
          </div>
          <div>
            <dt>{t('matter')}</dt>
            <dd>{notice.matter.name}</dd>
          </div>
          <div>
            <dt>{t('caseNumber')}</dt>
            <dd>{notice.caseNumber}</dd>
          </div>
        </dl>
        <p className="notice-doc__salutation">{notice.salutation}</p>
        {groupLines(notice.lines).map((block, i) =>
          block.kind === 'paragraph' ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: a printed notice's blocks have no id and never reorder
            <p key={i} className="notice-doc__paragraph">
              {block.text}
            </p>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: a printed notice's blocks have no id and never reorder
            <ul key={i} className="notice-doc__items">
              {block.texts.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          ),
        )}
        <div className="notice-doc__foot">
          <div className="notice-doc__qr">
            <QrCode text={notice.caseUrl} alt={t('qr', { url: notice.caseUrl })} size={120} />
          </div>
          <div className="notice-doc__closing">
            {notice.closing.map((line) => (
              <p key={line}>{line}</p>
            ))}
          </div>
        </div>
      </article>
    </Page>
  );
}
