import { defineMessages, useT } from '../../i18n/i18n';

export interface GuideSection {
  readonly id: string;
  readonly title: string;
}

const messages = defineMessages({ contents: '本页内容' }, { contents: 'On this page' });

/** The guide's sections as links: a long page on a phone, where a reader jumps to the materials or the time limits. */
export function GuideContents({ sections }: { sections: readonly GuideSection[] }) {
  const t = useT(messages);
  return (
    <nav aria-labelledby="guide-contents" className="cat-contents">
      <h2 id="guide-contents" className="cat-contents__title">
        {t('contents')}
      </h2>
      <ul>
        {sections.map((s) => (
          <li key={s.id}>
            <a href={`#${s.id}`}>{s.title}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
