import { defineMessages, useT } from '../../i18n/i18n';
import type { CatalogueVersion } from './catalogue-api';

const messages = defineMessages(
  { draft: '草稿', in_review: '审核中', published: '已发布', retired: '已停用' },
  { draft: 'Draft', in_review: 'In review', published: 'Published', retired: 'Retired' },
);
const CLASS: Record<CatalogueVersion['status'], string> = {
  draft: 'tag tag--grey',
  in_review: 'tag tag--yellow',
  published: 'tag tag--green',
  retired: 'tag tag--red',
};

/** A version's status in words (never by colour alone). */
export function StatusTag({ status }: { status: CatalogueVersion['status'] }) {
  const t = useT(messages);
  return <span className={CLASS[status]}>{t(status)}</span>;
}
