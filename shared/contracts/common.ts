import * as z from 'zod';

export const errorDetailSchema = z.object({
  path: z.string().meta({ description: 'Dotted path of the offending field, e.g. form.idNumber' }),
  rule: z.string().meta({ description: 'The rule that failed, e.g. required, checksum, max' }),
  message: z.string(),
  messageZh: z.string().optional(),
});

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable error name, e.g. ValidationError, ConflictError' }),
      message: z.string(),
      details: z.array(errorDetailSchema).optional(),
    }),
  })
  .meta({ id: 'Error', description: 'Every 4xx and 5xx answer has this shape; 5xx never carries internals.' });

/**
 * The answer of every paged list: its items and an opaque cursor, absent on the last page. `extra`: what a list
 * says about itself beside its items (a total, an unread count), written between the items and the cursor.
 */
export function pageOf<T extends z.ZodType, Extra extends z.ZodRawShape = Record<never, never>>(
  item: T,
  extra?: Extra,
) {
  return z.object({ items: z.array(item), ...(extra as Extra), nextCursor: z.string().optional() });
}
