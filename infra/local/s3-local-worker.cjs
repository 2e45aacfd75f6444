/**
 * s3rver on a thread of its own (started by startS3Local in storage.ts). Each S3 request is a dozen small file
 * operations; in the cloud's event loop every one of them queued behind the platform's work, and a CopyObject took
 * 400 ms in the bench. Plain CommonJS, so that tsx, jest and Node all load it as it is.
 */
const { parentPort, workerData } = require('node:worker_threads');
const S3rver = require('s3rver');

const server = new S3rver({ ...workerData, address: '127.0.0.1', silent: true, vhostBuckets: false });
server.run().then(
  () => parentPort.postMessage({ ready: true }),
  (error) => parentPort.postMessage({ error: String(error?.stack ?? error) }),
);
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  server.close().then(
    () => parentPort.postMessage({ closed: true }),
    () => parentPort.postMessage({ closed: true }),
  );
});
