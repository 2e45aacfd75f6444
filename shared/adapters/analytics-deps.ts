import * as z from 'zod';
import { compressionRuleFromEnv } from '../config/compression-rule';
import { parseEnv } from '../config/env';
import type { StatsQueryDeps } from '../domain/analytics/ports';
import { dynamoCatalogueStore } from './dynamo-catalogue-store';
import type { RecordDeps } from '../domain/analytics/ports';
import { dynamoStatsStore, type StatsStore } from './dynamo-stats-store';
import { mainTable } from './main-table';

const statsShards = z.coerce.number().int().min(1).max(64).default(4);

/**
 * The analytics consumer's and the statistics API's dependencies, built once per container from the environment.
 * STATS_SHARDS must be the same for both (and may only grow: see dynamo-stats-store.ts).
 */
export function analyticsDeps(): RecordDeps & { stats: StatsStore } {
  const env = parseEnv({
    MAIN_TABLE_NAME: z.string().min(1),
    /** Counter partitions per day. */
    STATS_SHARDS: statsShards,
    /** Working days from the decision to the licence that count as issued on time (签发及时). */
    LICENCE_ON_TIME_DAYS: z.coerce.number().int().min(0).max(60).default(1),
  });
  const { documents, catalogue, cases, calendar } = mainTable(env.MAIN_TABLE_NAME);
  return {
    cases,
    matters: catalogue,
    calendar,
    // recordEvent retries a conflict on the counter items itself (shared/domain/analytics/record.ts).
    stats: dynamoStatsStore(documents, env.MAIN_TABLE_NAME, env.STATS_SHARDS),
    licenceOnTimeDays: env.LICENCE_ON_TIME_DAYS,
  };
}

/**
 * The statistics API's: the counters, the catalogue's entries (matters' names and compressed limits), and the
 * region's compression rule, the same stage setting the publish check applies (COMPRESSION_RULE_*).
 */
export function statsQueryDeps(): StatsQueryDeps {
  const { stats } = analyticsDeps();
  const env = parseEnv({ MAIN_TABLE_NAME: z.string().min(1) });
  const { documents } = mainTable(env.MAIN_TABLE_NAME);
  return {
    stats,
    catalogue: dynamoCatalogueStore(documents, env.MAIN_TABLE_NAME),
    compressionRule: compressionRuleFromEnv(),
  };
}
