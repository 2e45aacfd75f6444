import { noticeDeps } from '../../shared/adapters/notice-deps';
import { noticeRoute } from '../../shared/contracts/notices';
import { getNotice } from '../../shared/domain/notices/notices';
import { HttpResponse, httpRouter, route } from '../../shared/lambda/http';

const deps = noticeDeps();

/**
 * The renderer (pdfkit, fontkit, the QR code) and the font, imported at the first PDF this container renders rather
 * than at its cold start: the printable page (format=json) and the refusals never need them.
 */
const renderer = async () => {
  const [{ renderNoticePdf }, { loadDocumentFont }] = await Promise.all([
    import('../../shared/domain/notices/render-pdf'),
    import('../../shared/adapters/document-font'),
  ]);
  return async (notice: Parameters<typeof renderNoticePdf>[0]) =>
    (await renderNoticePdf(notice, loadDocumentFont())).pdf;
};

/** 受理通知书, 不予受理通知书, 补正材料通知书: one source of content, as a PDF or as JSON for a printable page. */
export const handler = httpRouter([
  route(noticeRoute, async ({ params, query, principal }) => {
    const notice = await getNotice(params.id, params.kind, principal, deps);
    if (query.format === 'json') return notice;
    const pdf = await (await renderer())(notice);
    return new HttpResponse(pdf, 200, {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${notice.caseNumber}-${params.kind}.pdf"; filename*=UTF-8''${encodeURIComponent(`${notice.title}-${notice.caseNumber}.pdf`)}`,
      'cache-control': 'private, no-store',
    });
  }),
]);
