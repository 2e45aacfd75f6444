import { useEffect, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useLang } from '../../i18n/i18n';

/** A matter's name in both languages, from its guide (read once per visit and code). */
interface MatterName {
  readonly name: string;
  readonly nameEn?: string;
}

const guides = new Map<string, Promise<MatterName | undefined>>();

function matterName(code: string): Promise<MatterName | undefined> {
  let found = guides.get(code);
  if (!found) {
    found = unwrap(api().GET('/matters/{code}', { params: { path: { code } } })).then(
      (guide) => ({ name: guide.name, nameEn: guide.nameEn }),
      () => {
        guides.delete(code);
        return undefined;
      },
    );
    guides.set(code, found);
  }
  return found;
}

/**
 * Matter names in the reader's language for some codes; the code stands until its name arrives. `known`: Chinese
 * names already in hand (a search result), so the guides are read only for English.
 */
export function useMatterNames(
  codes: readonly string[],
  known?: ReadonlyMap<string, string>,
): (code: string) => string {
  const { lang } = useLang();
  const [names, setNames] = useState<ReadonlyMap<string, MatterName>>(new Map());
  const skip = known !== undefined && lang === 'zh';
  const key = skip ? '' : [...new Set(codes)].sort().join(',');
  useEffect(() => {
    let cancelled = false;
    const wanted = key ? key.split(',') : [];
    void Promise.all(wanted.map(async (code) => [code, await matterName(code)] as const)).then((pairs) => {
      if (cancelled) return;
      setNames(new Map(pairs.filter((p): p is readonly [string, MatterName] => p[1] !== undefined)));
    });
    return () => {
      cancelled = true;
    };
  }, [key]);
  return (code) => {
    const found = names.get(code);
    if (found) return lang === 'en' && found.nameEn ? found.nameEn : found.name;
    return known?.get(code) ?? code;
  };
}
