import { useCallback, useEffect, useState } from 'react';
import { useLocalised } from '../../i18n/i18n';
import { departmentNamesOnce, type Localised } from '../../pages/cases/catalogue';

/**
 * A department's name for its code, in the reader's language (the code until the names arrive, or when unknown).
 * One request per visit, shared with the case pages.
 */
export function useDepartmentName(): (code: string) => string {
  const localised = useLocalised();
  const [names, setNames] = useState<ReadonlyMap<string, Localised>>(new Map());
  useEffect(() => {
    let live = true;
    void departmentNamesOnce().then((n) => live && setNames(n));
    return () => {
      live = false;
    };
  }, []);
  // Stable until the names arrive or the language changes, so charts keyed on it redraw only then.
  return useCallback(
    (code: string) => {
      const name = names.get(code);
      return name ? localised(name) : code;
    },
    [names, localised],
  );
}

/** Every department's code and name, for a filter's options (empty until loaded). */
export function useDepartmentCodes(): readonly string[] {
  const [codes, setCodes] = useState<readonly string[]>([]);
  useEffect(() => {
    let live = true;
    void departmentNamesOnce().then((n) => live && setCodes([...n.keys()].sort()));
    return () => {
      live = false;
    };
  }, []);
  return codes;
}
