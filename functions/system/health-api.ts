import * as z from 'zod';
import { clock } from '../../shared/adapters/clock';
import { parseEnv } from '../../shared/config/env';
import { healthRoute } from '../../shared/contracts/system';
import { httpHandler } from '../../shared/lambda/http';

const env = parseEnv({ STAGE: z.string().min(1), SERVICE_NAME: z.string().default('one-stop') });

export const handler = httpHandler(healthRoute, async () => ({
  status: 'ok' as const,
  service: env.SERVICE_NAME,
  stage: env.STAGE,
  time: clock.now().toISOString(),
}));
