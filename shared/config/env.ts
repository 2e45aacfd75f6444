import * as z from 'zod/mini';
import { en } from 'zod/locales';

// zod's tree-shakable API: a function whose only schemas are its variables' carries zod's core alone, not the
// classic API's 85 KiB (the outbox relay: 1.31 → 1.10 × its SDK stub). Shapes may be written in either API; both
// are zod's core types. zod/mini loads no messages by itself: English, as the classic API has them.
z.config(en());

/**
 * Parses environment variables once, at cold start; a missing or malformed variable stops the function
 * with a message naming it, instead of failing later on the first request that needs it.
 */
export function parseEnv<T extends z.core.$ZodShape>(
  shape: T,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<z.ZodMiniObject<T>> {
  const result = z.object(shape).safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  return result.data;
}
