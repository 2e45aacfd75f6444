import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { LocalIdentityProvider } from '../../infra/local/identity';
import { localWeb } from '../../infra/local/web';

/** The local cloud compresses the built files as CloudFront does: Brotli when the browser takes it, else gzip. */
const SCRIPT = `export const greeting = ${JSON.stringify('一网通办 '.repeat(500))};\n`;
let server: Server;
let port: number;
let dist: string;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'web-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'assets', 'app-abc123.js'), SCRIPT);
  const handle = localWeb({ distDir: dist, identity: {} as LocalIdentityProvider, now: Date.now, connectOrigins: [] });
  server = createServer((req, res) => {
    void handle(req, res, Buffer.alloc(0)).then((handled) => {
      if (handled) return;
      res.writeHead(404);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dist, { recursive: true, force: true });
});

function get(acceptEncoding: string | undefined): Promise<{ encoding?: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/assets/app-abc123.js',
        headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

it('answers a browser that takes Brotli with Brotli, smaller than gzip', async () => {
  const br = await get('gzip, deflate, br, zstd');
  const gzip = await get('gzip, deflate');
  expect(br.encoding).toBe('br');
  expect(brotliDecompressSync(br.body).toString()).toBe(SCRIPT);
  expect(gzip.encoding).toBe('gzip');
  expect(gunzipSync(gzip.body).toString()).toBe(SCRIPT);
  expect(br.body.length).toBeLessThan(gzip.body.length);
});

it('answers the file as it is when nothing is accepted', async () => {
  const plain = await get(undefined);
  expect(plain.encoding).toBeUndefined();
  expect(plain.body.toString()).toBe(SCRIPT);
});
