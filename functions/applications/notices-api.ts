import { loadDocumentFont } from '../../shared/adapters/document-font';
import { noticeDeps } from '../../shared/adapters/notice-deps';
import { noticeRoute } from '../../shared/contracts/notices';
import { getNotice } from '../../shared/domain/notices/notices';
import { renderNoticePdf } from '../../shared/domain/notices/render-pdf';
import { HttpResponse, httpRouter, route } from '../../shared/lambda/http';

// The font is read at the first PDF.
const deps = noticeDeps();

/** 受理通知书, 不予受理通知书, 补正材料通知书: one source of content, as a PDF or as JSON for a printable page. */
export const handler = httpRouter([
  route(noticeRoute, async ({ params, query, principal }) => {
    const notice = await getNotice(params.id, params.kind, principal, deps);
    if (query.format === 'json') return notice;
    const { pdf } = await renderNoticePdf(notice, loadDocumentFont());
    return new HttpResponse(pdf, 200, {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${notice.caseNumber}-${params.kind}.pdf"; filename*=UTF-8''${encodeURIComponent(`${notice.title}-${notice.caseNumber}.pdf`)}`,
      'cache-control': 'private, no-store',
    });
  }),
]);
