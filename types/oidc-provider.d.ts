/** oidc-provider ships no type declarations; this is the part test/support/oidc-provider.ts uses. */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface Grant {
    addOIDCScope(scope: string): void;
    addResourceScope(resource: string, scope: string): void;
    save(): Promise<string>;
  }
  export interface Client {
    readonly clientId: string;
  }
  export interface KoaContextWithOIDC {
    readonly oidc: {
      readonly provider: Provider;
      readonly client?: Client;
      readonly params?: Record<string, unknown>;
      readonly session?: { accountId?: string; grantIdFor(clientId: string): string | undefined };
      readonly result?: { consent?: { grantId?: string } };
    };
  }
  export interface Account {
    readonly accountId: string;
    claims(use: string, scope: string): Promise<Record<string, unknown>> | Record<string, unknown>;
  }
  export type Configuration = Record<string, unknown> & {
    findAccount?(ctx: KoaContextWithOIDC, id: string): Promise<Account | undefined> | Account | undefined;
    extraTokenClaims?(
      ctx: KoaContextWithOIDC,
      token: { kind: string; accountId?: string },
    ): Promise<Record<string, unknown> | undefined>;
    loadExistingGrant?(ctx: KoaContextWithOIDC): Promise<Grant | undefined>;
  };

  export class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly Grant: {
      new (init: { accountId?: string; clientId: string }): Grant;
      find(id: string): Promise<Grant | undefined>;
    };
    proxy: boolean;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
  export default Provider;
}
