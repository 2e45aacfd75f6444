import { contentInWords } from '@shared/domain/licences/content';
import { useCatalogueNames } from './catalogue-names';

type Choice = { code: string; label: { zh: string; en?: string } };

/**
 * A licence's particulars as rows of a summary list. A choice shows its labels, Chinese first and the English under
 * it (餐饮服务经营者 / Catering service), never its code; other values as signed. `skip`: values shown above already.
 */
export function Particulars({
  typeCode,
  content,
  choices = {},
  skip = [],
}: {
  typeCode: string;
  content: Record<string, string | number>;
  choices?: Record<string, Choice[]>;
  skip?: readonly string[];
}) {
  const names = useCatalogueNames();
  const rows = Object.entries(content).filter(([, value]) => value !== '' && !skip.includes(String(value)));
  return (
    <>
      {rows.map(([key, value]) => {
        const words = contentInWords(value, choices[key]);
        return (
          <div key={key}>
            <dt>{names.contentLabel(typeCode, key) ?? key}</dt>
            <dd data-field={key}>
              <span lang="zh-CN">{words.zh}</span>
              {words.en && (
                <span lang="en" className="licence__value-en">
                  {words.en}
                </span>
              )}
            </dd>
          </div>
        );
      })}
    </>
  );
}
