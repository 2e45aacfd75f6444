import { meRoute } from '../../shared/contracts/identity';
import { httpHandler } from '../../shared/lambda/http';

export const handler = httpHandler(meRoute, async ({ principal }) => principal);
