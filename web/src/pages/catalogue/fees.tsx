import { defineMessages, useFormat, useLocalised, useT } from '../../i18n/i18n';
import { useContentLang } from './labels';

export type Fees =
  | { charged: false }
  | {
      charged: true;
      items: {
        name: string;
        amountYuan: number;
        basis: string;
        when?: { field: string; in: (string | number | boolean)[] };
        perUnit?: { field: string };
      }[];
    };

interface FormField {
  readonly key: string;
  readonly label?: { zh: string; en: string };
  readonly options?: readonly { value: unknown; label: { zh: string; en: string } }[];
}

const messages = defineMessages(
  {
    free: '不收费。',
    when: '适用于：{field}为{values}',
    perUnit: '按“{field}”的数量计收',
    basis: '收费依据：',
    or: '或',
  },
  {
    free: 'Free of charge.',
    when: 'Charged when {field} is {values}',
    perUnit: 'Charged per unit of “{field}”',
    basis: 'Legal basis of the fee: ',
    or: ' or ',
  },
);

/** The fees of a matter, with when each applies (a form answer) in the words of the form's own labels. */
export function FeesList({ fees, form }: { fees: Fees; form: Record<string, unknown> }) {
  const t = useT(messages);
  const money = useFormat();
  const localised = useLocalised();
  const contentLang = useContentLang();
  if (!fees.charged) return <p>{t('free')}</p>;
  const fields = (Array.isArray(form.fields) ? form.fields : []) as FormField[];
  const field = (key: string) => fields.find((f) => f.key === key);
  const fieldLabel = (key: string) => localised(field(key)?.label) || key;
  const valueLabel = (key: string, value: unknown) =>
    localised(field(key)?.options?.find((o) => o.value === value)?.label) || String(value);
  return (
    <ul className="list-plain">
      {fees.items.map((item, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: fee items have no id, may share a name, and keep their order
        <li key={`${i}-${item.name}`}>
          <p>
            <strong lang={contentLang}>{item.name}</strong> {money.fen(Math.round(item.amountYuan * 100))}
          </p>
          {item.when && (
            <p>
              {t('when', {
                field: fieldLabel(item.when.field),
                values: item.when.in.map((v) => valueLabel(item.when!.field, v)).join(t('or')),
              })}
            </p>
          )}
          {item.perUnit && <p>{t('perUnit', { field: fieldLabel(item.perUnit.field) })}</p>}
          <p className="muted">
            {t('basis')}
            <span lang={contentLang}>{item.basis}</span>
          </p>
        </li>
      ))}
    </ul>
  );
}
