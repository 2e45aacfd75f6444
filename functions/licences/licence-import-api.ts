import { licenceDeps } from '../../shared/adapters/licence-deps';
import { importLicencesRoute } from '../../shared/contracts/licences';
import { importLicences } from '../../shared/domain/licences/import';
import { httpRouter, route } from '../../shared/lambda/http';

const ready = licenceDeps();

/** 存量入库: administrators load existing licences in bulk. */
export const handler = httpRouter([route(importLicencesRoute, async ({ body }) => importLicences(body, await ready))]);
