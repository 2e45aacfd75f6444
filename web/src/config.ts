/**
 * The stage's settings, read at run time from /config.json (written by the CDK stack in AWS, served by the local
 * cloud locally), so one build serves every stage.
 */
export interface WebConfig {
  readonly stage: string;
  /** Empty: the API is on the page's own origin (the local cloud). */
  readonly apiUrl: string;
  readonly auth:
    | { readonly mode: 'local' }
    | { readonly mode: 'oidc'; readonly issuer: string; readonly clientId: string; readonly scope?: string };
}

let loaded: WebConfig | undefined;

export async function loadConfig(): Promise<WebConfig> {
  const response = await fetch('/config.json', { headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: ${response.status}`);
  loaded = (await response.json()) as WebConfig;
  return loaded;
}

export function config(): WebConfig {
  if (!loaded) throw new Error('config.json is not loaded yet');
  return loaded;
}
