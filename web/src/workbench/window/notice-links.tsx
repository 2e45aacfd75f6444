import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { api, unwrap } from '../../api/client';
import { defineMessages, useT } from '../../i18n/i18n';

export const NOTICE_KINDS = ['acceptance', 'refusal', 'correction'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export const isNoticeKind = (kind: string): kind is NoticeKind => (NOTICE_KINDS as readonly string[]).includes(kind);

/** The decision in a case's history that each notice records. */
export const NOTICE_DECISION: Record<NoticeKind, string> = {
  acceptance: 'accepted',
  refusal: 'refused',
  correction: 'correction-requested',
};

export const noticeMessages = defineMessages(
  {
    acceptance: '受理通知书',
    refusal: '不予受理通知书',
    correction: '补正材料通知书（一次性告知书）',
    open: '查看并打印{title}',
    pdf: '{title} PDF',
    pdfBusy: '正在生成 PDF…',
    pdfReady: '{title} PDF 已生成。',
    pdfOpen: '打开{title} PDF',
    pdfFailed: 'PDF 未能生成，请重试。',
  },
  {
    acceptance: 'Acceptance notice',
    refusal: 'Notice of refusal to accept',
    correction: 'Correction notice (all items at once)',
    open: 'View and print the {title}',
    pdf: '{title} as PDF',
    pdfBusy: 'Making the PDF…',
    pdfReady: 'The {title} PDF is ready.',
    pdfOpen: 'Open the {title} PDF',
    pdfFailed: 'The PDF could not be made. Try again.',
  },
);

/** The notice's PDF through the API client (with the token), as a blob: a plain link could not carry the token. */
export async function noticePdf(caseId: string, kind: NoticeKind): Promise<Blob> {
  const blob = await unwrap(
    api().GET('/applications/{id}/notices/{kind}', {
      params: { path: { id: caseId, kind }, query: { format: 'pdf' } },
      parseAs: 'blob',
    }),
  );
  return blob as Blob;
}

/**
 * A button that fetches the notice's PDF and opens it in a new tab from an object URL; the link to it stays on the
 * page (a browser that blocks the new tab still has it), and the URL is released when the page goes.
 */
export function NoticePdfButton({
  caseId,
  kind,
  className = 'button button--secondary',
}: {
  caseId: string;
  kind: NoticeKind;
  className?: string;
}) {
  const t = useT(noticeMessages);
  const [url, setUrl] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const link = useRef<HTMLAnchorElement>(null);
  const title = t(kind);
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);

  const fetchPdf = async () => {
    setBusy(true);
    setFailed(false);
    try {
      const blob = await noticePdf(caseId, kind);
      const objectUrl = URL.createObjectURL(new Blob([blob], { type: 'application/pdf' }));
      setUrl(objectUrl);
      const opened = window.open(objectUrl, '_blank');
      if (!opened) requestAnimationFrame(() => link.current?.focus());
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="notice-pdf">
      {url ? (
        <a ref={link} href={url} target="_blank" rel="noopener" className="notice-pdf__link" data-pdf-link="">
          {t('pdfOpen', { title })}
        </a>
      ) : (
        <button type="button" className={className} disabled={busy} onClick={() => void fetchPdf()}>
          {busy ? t('pdfBusy') : t('pdf', { title })}
        </button>
      )}
      <span role="status" aria-live="polite" className={failed ? 'field-error' : 'visually-hidden'}>
        {failed ? t('pdfFailed') : url ? t('pdfReady', { title }) : ''}
      </span>
    </span>
  );
}

/** Links to a case's notices (the printable page, and the PDF), for the kinds it has. */
export function NoticeLinks({ caseId, kinds }: { caseId: string; kinds: readonly NoticeKind[] }) {
  const t = useT(noticeMessages);
  if (kinds.length === 0) return null;
  return (
    <ul className="list-plain notice-links">
      {kinds.map((kind) => (
        <li key={kind} className="notice-links__item">
          <Link href={`/cases/${caseId}/notices/${kind}`}>{t('open', { title: t(kind) })}</Link>{' '}
          <NoticePdfButton caseId={caseId} kind={kind} />
        </li>
      ))}
    </ul>
  );
}
