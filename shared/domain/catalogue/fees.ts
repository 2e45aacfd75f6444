import type { MatterContent } from './model';

export interface FeeLine {
  readonly name: string;
  readonly basis: string;
  readonly unitFen: number;
  readonly quantity: number;
  readonly amountFen: number;
}

/** In fen (分): money never goes through floating-point sums. */
export const yuanToFen = (yuan: number) => Math.round(yuan * 100);

/**
 * What a case of this matter owes for this form (收费标准): each item whose condition the form meets, times its
 * quantity for per-unit items. A matter without fees, or a form that meets no item, owes nothing.
 */
export function feeFor(
  matter: Pick<MatterContent, 'fees'>,
  form: Readonly<Record<string, unknown>>,
): { lines: FeeLine[]; totalFen: number } {
  if (!matter.fees.charged) return { lines: [], totalFen: 0 };
  const lines: FeeLine[] = [];
  for (const item of matter.fees.items) {
    if (item.when && !item.when.in.includes(form[item.when.field] as never)) continue;
    const quantity = item.perUnit ? Number(form[item.perUnit.field] ?? 0) : 1;
    if (!Number.isInteger(quantity) || quantity <= 0) continue;
    const unitFen = yuanToFen(item.amountYuan);
    lines.push({ name: item.name, basis: item.basis, unitFen, quantity, amountFen: unitFen * quantity });
  }
  return { lines, totalFen: lines.reduce((sum, l) => sum + l.amountFen, 0) };
}
