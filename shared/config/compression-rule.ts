import * as z from 'zod';
import { COMPRESSION_MODES, type CompressionRule, DEFAULT_COMPRESSION_RULE } from '../domain/analytics/compression';
import { parseEnv } from './env';

/**
 * The region's compression rule (压缩办理时限) as a stage setting: `compressionRule` in a stage of cdk.json, passed to
 * the catalogue administration and statistics functions as two environment variables. Absent, it is a warning at
 * 50 % (the local cloud's default too).
 */
export const compressionRuleSchema = z
  .object({
    /** `warn`: publishing a matter that breaks the rule needs the publisher's acknowledgement; `refuse`: it is refused. */
    mode: z.enum(COMPRESSION_MODES).default(DEFAULT_COMPRESSION_RULE.mode),
    /** The promised limit may be at most this per cent of the legal limit (seed 001: 压缩50%以上 → 50). */
    maxPromisedPercent: z.number().int().min(1).max(100).default(DEFAULT_COMPRESSION_RULE.maxPromisedPercent),
  })
  .default(DEFAULT_COMPRESSION_RULE);

export const COMPRESSION_ENV = {
  mode: 'COMPRESSION_RULE_MODE',
  maxPromisedPercent: 'COMPRESSION_RULE_MAX_PERCENT',
} as const;

/** The environment variables a function gets for a stage's rule (infra sets them; the function reads them back). */
export function compressionRuleEnv(rule: CompressionRule): Record<string, string> {
  return { [COMPRESSION_ENV.mode]: rule.mode, [COMPRESSION_ENV.maxPromisedPercent]: String(rule.maxPromisedPercent) };
}

/** The rule from the environment, at cold start; a malformed value stops the function naming the variable. */
export function compressionRuleFromEnv(env: NodeJS.ProcessEnv = process.env): CompressionRule {
  const parsed = parseEnv(
    {
      [COMPRESSION_ENV.mode]: z.enum(COMPRESSION_MODES).default(DEFAULT_COMPRESSION_RULE.mode),
      [COMPRESSION_ENV.maxPromisedPercent]: z.coerce
        .number()
        .int()
        .min(1)
        .max(100)
        .default(DEFAULT_COMPRESSION_RULE.maxPromisedPercent),
    },
    env,
  );
  return {
    mode: parsed[COMPRESSION_ENV.mode] as CompressionRule['mode'],
    maxPromisedPercent: parsed[COMPRESSION_ENV.maxPromisedPercent] as number,
  };
}
