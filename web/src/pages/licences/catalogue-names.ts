import { useEffect, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useLang } from '../../i18n/i18n';

/**
 * Names of licence types and departments in the reader's language, from the public catalogue (read once per visit).
 * Until they arrive, or if they cannot be read, the API's own (Chinese) names stand.
 */
interface Named {
  readonly name: string;
  readonly nameEn?: string;
}
interface LicenceTypeNames extends Named {
  readonly contentFields: readonly { key: string; label: { zh: string; en: string } }[];
}
interface Names {
  readonly types: ReadonlyMap<string, LicenceTypeNames>;
  readonly departments: ReadonlyMap<string, Named>;
}

let loading: Promise<Names> | undefined;

function loadNames(): Promise<Names> {
  loading ??= Promise.all([unwrap(api().GET('/licence-types')), unwrap(api().GET('/departments'))]).then(
    ([types, departments]) => ({
      types: new Map(types.items.map((t) => [t.code, t])),
      departments: new Map(departments.items.map((d) => [d.code, d])),
    }),
    (error: unknown) => {
      loading = undefined; // try again on the next page
      throw error;
    },
  );
  return loading;
}

export function useCatalogueNames() {
  const { lang } = useLang();
  const [names, setNames] = useState<Names | undefined>(undefined);
  useEffect(() => {
    let cancelled = false;
    loadNames().then(
      (loaded) => !cancelled && setNames(loaded),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, []);
  const pick = (entry: Named | undefined, fallback: string) =>
    entry ? (lang === 'en' && entry.nameEn ? entry.nameEn : entry.name) : fallback;
  return {
    licenceType: (code: string, fallback: string) => pick(names?.types.get(code), fallback),
    department: (code: string, fallback = code) => pick(names?.departments.get(code), fallback),
    /** A credential's issuer is a URL ending in the department code (…/departments/SAMR). */
    departmentByUrl: (url: string, fallback: string) =>
      pick(names?.departments.get(url.split('/').pop() ?? ''), fallback),
    /** A licence type's content fields with their labels, to show a licence's particulars. */
    contentLabel: (typeCode: string, key: string) => {
      const field = names?.types.get(typeCode)?.contentFields.find((f) => f.key === key);
      return field ? field.label[lang] || field.label.zh : undefined;
    },
  };
}
